using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host;

/// <summary>
/// What the app (or <c>StoreOffers.Host.Windows</c>) does natively; the dispatcher does the rest.
/// Throw <see cref="StoreOffersException"/> with a code of <see cref="HostErrorCodes"/> for an
/// expected failure, <see cref="NotSupportedException"/> for a method you do not offer (or leave it
/// out of <see cref="StoreOffersDispatcherOptions.Methods"/>). A cancelled purchase is a result
/// (<c>NotPurchased</c>), not an exception.
/// </summary>
public interface IStoreOffersNative
{
    /// <summary>The MSA token for <see cref="HostProtocol.TokenScope"/>.</summary>
    /// <param name="forceRefresh">The Store rejected the last token: invalidate it and get a new one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);

    /// <summary>Display data of the add-ons whose InAppOfferToken is in <paramref name="productIds"/>; leave out the unknown ones.</summary>
    Task<IReadOnlyList<ProductInfo>> GetProductsAsync(IReadOnlyList<string> productIds, CancellationToken cancellationToken);

    /// <summary>Shows the Store purchase dialog (on the UI thread) and returns when it closes.</summary>
    Task<PurchaseOutcome> PurchaseAsync(string productId, CancellationToken cancellationToken);

    /// <summary>A Microsoft Store ID key; an empty string when Windows returned none.</summary>
    Task<string> GetStoreIdKeyAsync(StoreIdKeyRequest request, CancellationToken cancellationToken);

    /// <summary>The opaque, stable id of the signed-in user (a hash, never an e-mail), or null.</summary>
    Task<string?> GetAccountAsync(CancellationToken cancellationToken);

    /// <summary>Raised when the signed-in user changes (the dispatcher posts <c>account-changed</c>).</summary>
    event EventHandler<AccountChangedEventArgs>? AccountChanged;
}
