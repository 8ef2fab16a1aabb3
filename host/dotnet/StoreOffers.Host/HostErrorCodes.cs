namespace StoreOffers.Host;

/// <summary>The kebab-case error codes a host answers with (docs/host-protocol.md, "Errors").</summary>
public static class HostErrorCodes
{
    /// <summary>The method is not implemented.</summary>
    public const string UnknownMethod = "unknown-method";
    /// <summary>Params are missing or malformed, or Windows returned no Store ID key.</summary>
    public const string BadRequest = "bad-request";
    /// <summary>No Microsoft account, or the user dismissed the sign-in.</summary>
    public const string NotSignedIn = "not-signed-in";
    /// <summary>The token request failed for another reason.</summary>
    public const string TokenUnavailable = "token-unavailable";
    /// <summary>No add-on has that InAppOfferToken.</summary>
    public const string ProductNotFound = "product-not-found";
    /// <summary>StoreContext calls or the Store endpoint failed.</summary>
    public const string StoreUnavailable = "store-unavailable";
    /// <summary>A purchase dialog is already open.</summary>
    public const string Busy = "busy";
    /// <summary>The request was cancelled (the host is shutting down).</summary>
    public const string Cancelled = "cancelled";
    /// <summary>Anything unexpected; the message names the exception type and HRESULT only.</summary>
    public const string Internal = "internal";
}
