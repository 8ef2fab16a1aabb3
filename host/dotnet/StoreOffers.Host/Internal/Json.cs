using System.Text.Json;
using System.Text.Json.Serialization;

namespace StoreOffers.Host.Internal;

/// <summary>The one set of serializer options: camelCase names, optional fields left out (never <c>null</c>).</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 64,
    };
}
