using System.Text.Json.Serialization;

namespace StoreOffers.Host;

/// <summary>What the Store answered to a host-carried request (<c>storeRequest</c>'s result).</summary>
public sealed class StoreResponse
{
    /// <summary>The HTTP status.</summary>
    [JsonPropertyName("status")] public int Status { get; init; }

    /// <summary>The <c>Retry-After</c> header as sent, or null.</summary>
    [JsonPropertyName("retryAfter")] public string? RetryAfter { get; init; }

    /// <summary>The response text, or null when there was none.</summary>
    [JsonPropertyName("body")] public string? Body { get; init; }
}
