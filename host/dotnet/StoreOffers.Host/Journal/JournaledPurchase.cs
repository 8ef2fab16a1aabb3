using System;
using System.Text.Json.Serialization;

namespace StoreOffers.Host;

/// <summary>A purchase outcome the host wrote down before answering (an item of <c>takePurchases</c>).</summary>
public sealed class JournaledPurchase
{
    /// <summary>The id the page acknowledges with <c>ackPurchase</c>.</summary>
    [JsonPropertyName("purchaseId")] public string PurchaseId { get; init; } = "";

    /// <summary>The add-on's InAppOfferToken.</summary>
    [JsonPropertyName("productId")] public string ProductId { get; init; } = "";

    /// <summary>The offer's trackingId, when the page sent one.</summary>
    [JsonPropertyName("trackingId")] public string? TrackingId { get; init; }

    /// <summary>The purchase status as the native store reported it.</summary>
    [JsonPropertyName("status")] public string Status { get; init; } = "";

    /// <summary>The order id, when known.</summary>
    [JsonPropertyName("orderId")] public string? OrderId { get; init; }

    /// <summary>The legacy receipt XML, when known.</summary>
    [JsonPropertyName("receipt")] public string? Receipt { get; init; }

    /// <summary>The ExtendedJsonData string, when known.</summary>
    [JsonPropertyName("extendedJsonData")] public string? ExtendedJsonData { get; init; }

    /// <summary>The account that bought it (kept in the journal, not sent: takePurchases answers only the current account's).</summary>
    [JsonPropertyName("account")] public string? Account { get; init; }

    /// <summary>When it was written (UTC).</summary>
    [JsonPropertyName("recordedAt")] public DateTimeOffset RecordedAt { get; init; }
}
