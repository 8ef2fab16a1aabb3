using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace StoreOffers.Host.Internal;

// The wire shapes the host writes. Requests are read with JsonDocument (validated field by field).

internal sealed class ResponseMessage
{
    [JsonPropertyName("channel")] public string Channel { get; init; } = HostProtocol.Channel;
    [JsonPropertyName("v")] public int V { get; init; } = HostProtocol.Version;
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("result")] public object? Result { get; init; }
    [JsonPropertyName("error")] public HostError? Error { get; init; }
}

internal sealed class EventMessage
{
    [JsonPropertyName("channel")] public string Channel { get; init; } = HostProtocol.Channel;
    [JsonPropertyName("v")] public int V { get; init; } = HostProtocol.Version;
    [JsonPropertyName("event")] public string Event { get; init; } = "";
    [JsonPropertyName("data")] public object? Data { get; init; }
}

internal sealed class HostError
{
    [JsonPropertyName("code")] public string Code { get; init; } = "";
    [JsonPropertyName("message")] public string Message { get; init; } = "";
}

internal sealed class HelloResult
{
    [JsonPropertyName("methods")] public IReadOnlyList<string> Methods { get; init; } = new List<string>();
    [JsonPropertyName("app")] public string? App { get; init; }
}

internal sealed class TokenResult
{
    [JsonPropertyName("token")] public string Token { get; init; } = "";
}

internal sealed class ProductsResult
{
    [JsonPropertyName("products")] public IReadOnlyList<ProductInfo> Products { get; init; } = new List<ProductInfo>();
}

internal sealed class PurchaseResult
{
    [JsonPropertyName("status")] public string Status { get; init; } = "";
    [JsonPropertyName("orderId")] public string? OrderId { get; init; }
    [JsonPropertyName("receipt")] public string? Receipt { get; init; }
    [JsonPropertyName("extendedJsonData")] public string? ExtendedJsonData { get; init; }
    [JsonPropertyName("purchaseId")] public string? PurchaseId { get; init; }
}

internal sealed class KeyResult
{
    [JsonPropertyName("key")] public string Key { get; init; } = "";
}

internal sealed class AccountResult
{
    // null is meaningful here ("nobody is signed in"), so it is written.
    [JsonPropertyName("account"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Account { get; init; }
}

internal sealed class PurchasesResult
{
    [JsonPropertyName("purchases")] public IReadOnlyList<TakenPurchase> Purchases { get; init; } = new List<TakenPurchase>();
}

/// <summary>
/// One item of the <c>takePurchases</c> answer: a <see cref="JournaledPurchase"/> as the page sees it.
/// A type of its own because the journal's record also holds what stays native (the account
/// that bought it, when it was written), and the wire must never carry those.
/// </summary>
internal sealed class TakenPurchase
{
    public static TakenPurchase From(JournaledPurchase purchase) => new()
    {
        PurchaseId = purchase.PurchaseId,
        ProductId = purchase.ProductId,
        TrackingId = purchase.TrackingId,
        Status = purchase.Status,
        OrderId = purchase.OrderId,
        Receipt = purchase.Receipt,
        ExtendedJsonData = purchase.ExtendedJsonData,
    };

    [JsonPropertyName("purchaseId")] public string PurchaseId { get; init; } = "";
    [JsonPropertyName("productId")] public string ProductId { get; init; } = "";
    [JsonPropertyName("trackingId")] public string? TrackingId { get; init; }
    [JsonPropertyName("status")] public string Status { get; init; } = "";
    [JsonPropertyName("orderId")] public string? OrderId { get; init; }
    [JsonPropertyName("receipt")] public string? Receipt { get; init; }
    [JsonPropertyName("extendedJsonData")] public string? ExtendedJsonData { get; init; }
}

internal sealed class EmptyResult
{
}
