using System;

namespace StoreOffers.Host;

/// <summary>
/// Native purchase statuses (<c>StorePurchaseStatus</c>, legacy <c>ProductPurchaseStatus</c>) and
/// the protocol's library spellings. The page accepts both, any case, but never a number.
/// </summary>
public static class PurchaseStatuses
{
    /// <summary>The library spelling of <paramref name="status"/> (<c>"AlreadyPurchased"</c> → <c>"already-purchased"</c>), or null when it is no known status.</summary>
    public static string? ToLibrary(string? status)
    {
        if (status is null) return null;
        // The page's own rule (src/core/host/purchase-outcome.ts): lower case, without - _ or spaces.
        var squashed = new System.Text.StringBuilder(status.Length);
        foreach (var c in status)
        {
            if (c != '-' && c != '_' && !char.IsWhiteSpace(c)) squashed.Append(char.ToLowerInvariant(c));
        }
        switch (squashed.ToString())
        {
            case "succeeded": return "succeeded";
            case "alreadypurchased": return "already-purchased";
            case "notpurchased": return "not-purchased";
            case "notfulfilled": return "not-fulfilled";
            case "networkerror": return "network-error";
            case "servererror": return "server-error";
            default: return null;
        }
    }

    /// <summary>True when the status is a known spelling (native or library, any case).</summary>
    public static bool IsKnown(string? status) => ToLibrary(status) is not null;

    /// <summary>The wire spelling of a native enum value: its name (<c>value.ToString()</c>), never its number.</summary>
    public static string FromNative<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        if (!IsKnown(name)) throw new ArgumentOutOfRangeException(nameof(value), name, "Not a purchase status");
        return name;
    }
}
