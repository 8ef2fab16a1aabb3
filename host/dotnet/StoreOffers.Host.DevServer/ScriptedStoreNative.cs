using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host.DevServer;

/// <summary>A native store that answers from a <see cref="Script"/> and logs each call (never a token).</summary>
internal sealed class ScriptedStoreNative : IStoreOffersNative
{
    private volatile Script _script = new();

    public ConcurrentQueue<string> Log { get; } = new();

    public event EventHandler<AccountChangedEventArgs>? AccountChanged;

    public Script Script
    {
        get => _script;
        set => _script = value ?? new Script();
    }

    public void ChangeAccount(string? account)
    {
        Script = Script.WithAccount(account);
        Log.Enqueue($"account-changed {account ?? "(none)"}");
        AccountChanged?.Invoke(this, new AccountChangedEventArgs(account));
    }

    public Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        Log.Enqueue($"getToken forceRefresh={(forceRefresh ? "true" : "false")}");
        var tokens = Script.Tokens;
        if (tokens is null || tokens.Count == 0)
            throw new StoreOffersException(HostErrorCodes.NotSignedIn, "No Microsoft account is signed in");
        var key = forceRefresh ? "true" : "false";
        return Task.FromResult(tokens.TryGetValue(key, out var token) ? token : tokens.Values.First());
    }

    public Task<IReadOnlyList<ProductInfo>> GetProductsAsync(IReadOnlyList<string> productIds, CancellationToken cancellationToken)
    {
        Log.Enqueue($"getProducts {string.Join("|", productIds)}");
        IReadOnlyList<ProductInfo> found = (Script.Products ?? new List<ProductInfo>()).Where(p => productIds.Contains(p.ProductId)).ToList();
        return Task.FromResult(found);
    }

    public async Task<PurchaseOutcome> PurchaseAsync(string productId, CancellationToken cancellationToken)
    {
        Log.Enqueue($"purchase {productId}");
        var script = Script;
        if (script.PurchaseDelayMs > 0) await Task.Delay(script.PurchaseDelayMs, cancellationToken).ConfigureAwait(false);
        if (script.Purchases is null || !script.Purchases.TryGetValue(productId, out var outcome))
            throw new StoreOffersException(HostErrorCodes.ProductNotFound, $"No add-on has InAppOfferToken \"{productId}\"");
        return outcome;
    }

    public Task<string> GetStoreIdKeyAsync(StoreIdKeyRequest request, CancellationToken cancellationToken)
    {
        Log.Enqueue($"getStoreIdKey {request.Kind}");
        throw new NotSupportedException();
    }

    public Task<string?> GetAccountAsync(CancellationToken cancellationToken) => Task.FromResult(Script.Account);
}
