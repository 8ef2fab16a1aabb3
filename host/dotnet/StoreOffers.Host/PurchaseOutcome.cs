using System.Text.Json.Serialization;

namespace StoreOffers.Host;

/// <summary>What a purchase ended with (<c>purchase</c>'s result).</summary>
public sealed class PurchaseOutcome
{
    /// <summary>
    /// The native enum's name (<c>StorePurchaseStatus.ToString()</c> or the legacy
    /// <c>ProductPurchaseStatus</c>), any case, or the library's spelling. Never the number.
    /// See <see cref="PurchaseStatuses"/>.
    /// </summary>
    [JsonPropertyName("status")] public string Status { get; init; } = "";

    /// <summary>The order id (a GUID), when known.</summary>
    [JsonPropertyName("orderId")] public string? OrderId { get; init; }

    /// <summary>The legacy <c>PurchaseResults.ReceiptXml</c>.</summary>
    [JsonPropertyName("receipt")] public string? Receipt { get; init; }

    /// <summary>The owned add-on's <c>ExtendedJsonData</c>, passed through unchanged (a string).</summary>
    [JsonPropertyName("extendedJsonData")] public string? ExtendedJsonData { get; init; }
}
