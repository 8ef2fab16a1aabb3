using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using global::Windows.Services.Store;

namespace StoreOffers.Host.Windows;

/// <summary>
/// <see cref="IStoreOffersNative"/> over <c>Windows.Services.Store</c>: add-ons by InAppOfferToken
/// (<c>GetAssociatedStoreProductsAsync</c>), the purchase dialog (<c>RequestPurchaseAsync</c>, on the
/// UI thread), the orderId from the owned add-on's <c>ExtendedJsonData</c>
/// (<c>GetUserCollectionAsync</c>), Store ID keys, and the MSA token and account from
/// <see cref="MicrosoftAccountTokens"/>. Create it on the UI thread.
/// </summary>
public sealed class WindowsStoreNative : IStoreOffersNative, IDisposable
{
    private readonly StoreContext _context;
    private readonly SynchronizationContext? _ui;
    private readonly IReadOnlyList<string> _kinds;
    private readonly MicrosoftAccountTokens _tokens;
    private IReadOnlyDictionary<string, StoreProduct>? _byOfferToken;

    /// <summary>Creates the native store for one window.</summary>
    /// <param name="windowHandle">A desktop app's window handle: StoreContext is initialised with it
    /// (without it, it "will return inaccurate data or errors", 0x80070578). <see cref="IntPtr.Zero"/> in a UWP app.</param>
    /// <param name="productKinds">Add-on kinds to search (default Durable, Consumable, UnmanagedConsumable).</param>
    public WindowsStoreNative(IntPtr windowHandle, IReadOnlyList<string>? productKinds = null)
    {
        _ui = SynchronizationContext.Current;
        _context = StoreContext.GetDefault();
        if (windowHandle != IntPtr.Zero) WinRT.Interop.InitializeWithWindow.Initialize(_context, windowHandle);
        _kinds = productKinds ?? new StoreOffersWindowsOptions().Kinds;
        _tokens = new MicrosoftAccountTokens(windowHandle);
        _tokens.AccountChanged += (sender, e) => AccountChanged?.Invoke(this, e);
    }

    /// <inheritdoc />
    public event EventHandler<AccountChangedEventArgs>? AccountChanged;

    /// <inheritdoc />
    public Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
        _tokens.GetTokenAsync(forceRefresh, cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetAccountAsync(CancellationToken cancellationToken) => _tokens.GetAccountAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProductInfo>> GetProductsAsync(IReadOnlyList<string> productIds, CancellationToken cancellationToken)
    {
        var products = await ProductsAsync(refresh: false).ConfigureAwait(false);
        var found = new List<ProductInfo>();
        foreach (var id in productIds)
        {
            if (!products.TryGetValue(id, out var product)) continue;
            found.Add(new ProductInfo
            {
                ProductId = id,
                Title = product.Title,
                Description = string.IsNullOrEmpty(product.Description) ? null : product.Description,
                FormattedPrice = string.IsNullOrEmpty(product.Price?.FormattedPrice) ? null : product.Price!.FormattedPrice,
                ImageUrl = product.Images?.Select(i => i.Uri).FirstOrDefault(u => u is not null && u.Scheme == Uri.UriSchemeHttps)?.ToString(),
            });
        }
        return found;
    }

    /// <inheritdoc />
    public async Task<PurchaseOutcome> PurchaseAsync(string productId, CancellationToken cancellationToken)
    {
        var products = await ProductsAsync(refresh: false).ConfigureAwait(false);
        if (!products.TryGetValue(productId, out var product))
            throw new StoreOffersException(HostErrorCodes.ProductNotFound, $"No add-on has InAppOfferToken \"{productId}\"");
        var storeId = product.StoreId;
        var result = await UiThread.RunAsync(_ui, async () => await _context.RequestPurchaseAsync(storeId)).ConfigureAwait(false);
        // The enum's name, never its number (StorePurchaseStatus and ProductPurchaseStatus differ).
        var status = PurchaseStatuses.FromNative(result.Status);
        if (result.Status != StorePurchaseStatus.Succeeded) return new PurchaseOutcome { Status = status };
        var extendedJsonData = await OwnedExtendedJsonDataAsync(storeId).ConfigureAwait(false);
        return new PurchaseOutcome
        {
            Status = status,
            OrderId = ExtendedJsonData.FindOrderId(extendedJsonData),
            ExtendedJsonData = extendedJsonData,
        };
    }

    /// <inheritdoc />
    public async Task<string> GetStoreIdKeyAsync(StoreIdKeyRequest request, CancellationToken cancellationToken)
    {
        var publisherUserId = request.PublisherUserId ?? "";
        return request.Kind == StoreIdKeyKind.Collections
            ? await _context.GetCustomerCollectionsIdAsync(request.ServiceTicket, publisherUserId)
            : await _context.GetCustomerPurchaseIdAsync(request.ServiceTicket, publisherUserId);
    }

    /// <summary>Stops watching the account.</summary>
    public void Dispose() => _tokens.Dispose();

    private async Task<IReadOnlyDictionary<string, StoreProduct>> ProductsAsync(bool refresh)
    {
        if (_byOfferToken is not null && !refresh) return _byOfferToken;
        var result = await _context.GetAssociatedStoreProductsAsync(_kinds);
        if (result.ExtendedError is not null)
            throw new StoreOffersException(HostErrorCodes.StoreUnavailable, $"GetAssociatedStoreProductsAsync failed: 0x{result.ExtendedError.HResult:X8}");
        var map = new Dictionary<string, StoreProduct>(StringComparer.Ordinal);
        foreach (var product in result.Products.Values)
        {
            if (!string.IsNullOrEmpty(product.InAppOfferToken)) map[product.InAppOfferToken] = product;
        }
        _byOfferToken = map;
        return map;
    }

    private async Task<string?> OwnedExtendedJsonDataAsync(string storeId)
    {
        try
        {
            var collection = await _context.GetUserCollectionAsync(_kinds);
            if (collection.ExtendedError is not null || !collection.Products.TryGetValue(storeId, out var owned)) return null;
            if (ExtendedJsonData.FindOrderId(owned.ExtendedJsonData) is not null) return owned.ExtendedJsonData;
            // StoreCollectionData.ExtendedJsonData: the bare CollectionData object.
            return owned.Skus?.Select(s => s.CollectionData?.ExtendedJsonData).FirstOrDefault(j => ExtendedJsonData.FindOrderId(j) is not null)
                ?? owned.ExtendedJsonData;
        }
        catch (Exception)
        {
            // The user paid: a failed lookup must not turn Succeeded into an error. Unclaimable, but purchased.
            return null;
        }
    }
}
