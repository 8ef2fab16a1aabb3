using System;

namespace StoreOffers.Host;

/// <summary>The signed-in Store/MSA user changed.</summary>
public sealed class AccountChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="account">The new opaque account id (a hash), or null when nobody is signed in.</param>
    public AccountChangedEventArgs(string? account) => Account = account;

    /// <summary>The new opaque account id (a hash, never an e-mail), or null.</summary>
    public string? Account { get; }
}
