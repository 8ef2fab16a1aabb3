using System.Text.Json;

namespace StoreOffers.Host;

/// <summary>
/// Reads the order id out of Windows' <c>ExtendedJsonData</c>, in either form Windows returns:
/// the whole <c>StoreProduct.ExtendedJsonData</c> (<c>DisplaySkuAvailabilities[i].Sku.CollectionData.orderId</c>)
/// or <c>StoreCollectionData.ExtendedJsonData</c> (the bare <c>CollectionData</c>: <c>orderId</c> at the top).
/// The same rule as the page's, so both sides reach the same claim receipt.
/// </summary>
public static class ExtendedJsonData
{
    /// <summary>The order id, or null when <paramref name="json"/> is not JSON or has none.</summary>
    public static string? FindOrderId(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var document = JsonDocument.Parse(json!, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var direct = OrderIdOf(root);
            if (direct is not null) return direct;
            if (!root.TryGetProperty("DisplaySkuAvailabilities", out var availabilities) || availabilities.ValueKind != JsonValueKind.Array)
                return null;
            foreach (var availability in availabilities.EnumerateArray())
            {
                if (availability.ValueKind == JsonValueKind.Object
                    && availability.TryGetProperty("Sku", out var sku) && sku.ValueKind == JsonValueKind.Object
                    && sku.TryGetProperty("CollectionData", out var collection) && collection.ValueKind == JsonValueKind.Object)
                {
                    var found = OrderIdOf(collection);
                    if (found is not null) return found;
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? OrderIdOf(JsonElement element) =>
        element.TryGetProperty("orderId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value
            ? value
            : null;
}
