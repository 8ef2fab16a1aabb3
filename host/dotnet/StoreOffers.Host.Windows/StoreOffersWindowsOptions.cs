using System;
using System.Collections.Generic;
using System.Net.Http;

namespace StoreOffers.Host.Windows;

/// <summary>How <see cref="StoreOffersWindowsHost"/> sets a window up. Every property is optional.</summary>
public sealed class StoreOffersWindowsOptions
{
    /// <summary>Shown to the page in <c>hello</c> (for example "Contoso Quest 2.3.0").</summary>
    public string? App { get; init; }

    /// <summary>
    /// Origins whose pages may talk to the host (for example <c>https://app.contoso.example</c>);
    /// messages from any other source are ignored. Null: every page in this WebView (set it when
    /// the WebView can navigate to content you do not control).
    /// </summary>
    public IReadOnlyCollection<string>? TrustedOrigins { get; init; }

    /// <summary>The purchase journal file. Default: the package's LocalFolder, else %LOCALAPPDATA%\StoreOffers\purchases.json.</summary>
    public string? JournalPath { get; init; }

    /// <summary>The HttpClient of <c>storeRequest</c> (default: one shared client).</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Add-on kinds to look InAppOfferTokens up in (default Durable, Consumable, UnmanagedConsumable).</summary>
    public IReadOnlyList<string>? ProductKinds { get; init; }

    internal IReadOnlyList<string> Kinds => ProductKinds ?? new[] { "Durable", "Consumable", "UnmanagedConsumable" };

    /// <summary>True when a page at <paramref name="source"/> (a URL) is one of <see cref="TrustedOrigins"/>, or when they are not set.</summary>
    public bool IsTrustedSource(string source)
    {
        if (TrustedOrigins is null) return true;
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri)) return false;
        var origin = uri.GetLeftPart(UriPartial.Authority);
        foreach (var trusted in TrustedOrigins)
            if (string.Equals(trusted.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
