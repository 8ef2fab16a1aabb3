using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StoreOffers.Host;
using Windows.ApplicationModel.Store;

namespace StoreOffers.Samples.Desktop;

// <snippet:custom-native>
/// <summary>Add-ons bought through the legacy CurrentApp API: the claim gets the receipt XML.</summary>
public sealed class LegacyStoreNative : IStoreOffersNative
{
    public event EventHandler<AccountChangedEventArgs>? AccountChanged { add { } remove { } }

    public Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
        throw new NotSupportedException(); // the page was given a token of its own

    public async Task<IReadOnlyList<ProductInfo>> GetProductsAsync(IReadOnlyList<string> productIds, CancellationToken cancellationToken)
    {
        var listings = (await CurrentApp.LoadListingInformationAsync()).ProductListings;
        return productIds.Where(listings.ContainsKey).Select(id => new ProductInfo
        {
            ProductId = id, Title = listings[id].Name, FormattedPrice = listings[id].FormattedPrice,
        }).ToList();
    }

    public async Task<PurchaseOutcome> PurchaseAsync(string productId, CancellationToken cancellationToken)
    {
        var result = await CurrentApp.RequestProductPurchaseAsync(productId); // on the UI thread
        var receipt = string.IsNullOrEmpty(result.ReceiptXml) ? null : result.ReceiptXml;
        return new PurchaseOutcome { Status = PurchaseStatuses.FromNative(result.Status), Receipt = receipt };
    }

    public Task<string> GetStoreIdKeyAsync(StoreIdKeyRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string?> GetAccountAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
// </snippet:custom-native>

/// <summary>How the custom native store is served.</summary>
public static class LegacyHost
{
    // <snippet:custom-dispatcher>
    public static StoreOffersDispatcher Create() => new(new LegacyStoreNative(), new StoreOffersDispatcherOptions
    {
        Methods = new[] { "hello", "getProducts", "purchase" }, // announce only what it does
    });
    // </snippet:custom-dispatcher>
}
