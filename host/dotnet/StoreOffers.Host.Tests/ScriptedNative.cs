using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host.Tests;

/// <summary>A fake native store whose every answer is a delegate; records the calls it received.</summary>
internal sealed class ScriptedNative : IStoreOffersNative
{
    public Func<bool, Task<string>> Token { get; set; } = _ => throw new NotSupportedException();
    public Func<IReadOnlyList<string>, Task<IReadOnlyList<ProductInfo>>> Products { get; set; } = _ => throw new NotSupportedException();
    public Func<string, Task<PurchaseOutcome>> Purchase { get; set; } = _ => throw new NotSupportedException();
    public Func<StoreIdKeyRequest, Task<string>> Key { get; set; } = _ => throw new NotSupportedException();
    public Func<Task<string?>> Account { get; set; } = () => Task.FromResult<string?>(null);

    public ConcurrentQueue<string> Calls { get; } = new();

    public event EventHandler<AccountChangedEventArgs>? AccountChanged;

    public void RaiseAccountChanged(string? account) => AccountChanged?.Invoke(this, new AccountChangedEventArgs(account));

    public Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"getToken forceRefresh={forceRefresh}");
        return Token(forceRefresh);
    }

    public Task<IReadOnlyList<ProductInfo>> GetProductsAsync(IReadOnlyList<string> productIds, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"getProducts {string.Join("|", productIds)}");
        return Products(productIds);
    }

    public Task<PurchaseOutcome> PurchaseAsync(string productId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"purchase {productId}");
        return Purchase(productId);
    }

    public Task<string> GetStoreIdKeyAsync(StoreIdKeyRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"getStoreIdKey {request.Kind} {request.PublisherUserId ?? "(none)"}");
        return Key(request);
    }

    public Task<string?> GetAccountAsync(CancellationToken cancellationToken) => Account();
}
