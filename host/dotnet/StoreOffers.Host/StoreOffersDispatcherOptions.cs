using System.Collections.Generic;

namespace StoreOffers.Host;

/// <summary>How a <see cref="StoreOffersDispatcher"/> answers.</summary>
public sealed class StoreOffersDispatcherOptions
{
    /// <summary>Shown in <c>hello</c> as <c>app</c> (for example "Contoso Quest 2.3.0"), or null.</summary>
    public string? App { get; init; }

    /// <summary>
    /// The methods to offer (null: every one this dispatcher can do). Others answer
    /// <c>unknown-method</c>, and leaving <c>hello</c> out makes the host look like an older one.
    /// <c>storeRequest</c> needs <see cref="Store"/>, <c>takePurchases</c>/<c>ackPurchase</c> need <see cref="Journal"/>.
    /// </summary>
    public IReadOnlyCollection<string>? Methods { get; init; }

    /// <summary>Carries <c>storeRequest</c>; null: the method is not offered.</summary>
    public StoreRequestClient? Store { get; init; }

    /// <summary>Journals every purchase before answering (<c>takePurchases</c>/<c>ackPurchase</c>); null: not offered.</summary>
    public PurchaseJournal? Journal { get; init; }

    /// <summary>Dispose the native store (when it is <see cref="System.IDisposable"/>) with the dispatcher.</summary>
    public bool OwnsNative { get; init; }

    /// <summary>Messages longer than this (characters) are ignored unread. Default 1 MiB.</summary>
    public int MaxMessageLength { get; init; } = 1024 * 1024;
}
