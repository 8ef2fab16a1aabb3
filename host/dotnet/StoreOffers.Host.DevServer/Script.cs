using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace StoreOffers.Host.DevServer;

/// <summary>What the scripted native store answers (POST /_script).</summary>
internal sealed class Script
{
    /// <summary>Tokens by forceRefresh: <c>{ "false": "…", "true": "…" }</c>; none: not signed in.</summary>
    [JsonPropertyName("tokens")] public Dictionary<string, string>? Tokens { get; init; }

    [JsonPropertyName("products")] public List<ProductInfo>? Products { get; init; }

    /// <summary>The outcome of purchasing each product id.</summary>
    [JsonPropertyName("purchases")] public Dictionary<string, PurchaseOutcome>? Purchases { get; init; }

    [JsonPropertyName("purchaseDelayMs")] public int PurchaseDelayMs { get; init; }

    [JsonPropertyName("account")] public string? Account { get; init; }

    /// <summary>The mock Store endpoint storeRequest goes to (http on loopback); none: storeRequest is not offered.</summary>
    [JsonPropertyName("storeEndpoint")] public string? StoreEndpoint { get; init; }

    /// <summary>The methods to announce (null: all).</summary>
    [JsonPropertyName("methods")] public List<string>? Methods { get; init; }

    public Script WithAccount(string? account) => new()
    {
        Tokens = Tokens, Products = Products, Purchases = Purchases, PurchaseDelayMs = PurchaseDelayMs,
        Account = account, StoreEndpoint = StoreEndpoint, Methods = Methods,
    };
}
