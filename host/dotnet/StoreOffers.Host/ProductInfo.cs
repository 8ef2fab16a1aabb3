using System.Text.Json.Serialization;

namespace StoreOffers.Host;

/// <summary>Display data of one add-on, as the page's banners show it (<c>getProducts</c>).</summary>
public sealed class ProductInfo
{
    /// <summary>The add-on's InAppOfferToken (the id the page asked for). Required.</summary>
    [JsonPropertyName("productId")] public string ProductId { get; init; } = "";

    /// <summary><c>StoreProduct.Title</c>. Required.</summary>
    [JsonPropertyName("title")] public string Title { get; init; } = "";

    /// <summary><c>StoreProduct.Description</c>, or null to leave it out.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary><c>StoreProduct.Price.FormattedPrice</c> (already localised), or null.</summary>
    [JsonPropertyName("formattedPrice")] public string? FormattedPrice { get; init; }

    /// <summary>An <c>https:</c>, <c>ms-appx:</c>, <c>ms-appx-web:</c> or <c>data:image/</c> URL, or null.</summary>
    [JsonPropertyName("imageUrl")] public string? ImageUrl { get; init; }
}
