namespace StoreOffers.Host;

/// <summary>The params of <c>getStoreIdKey</c>.</summary>
public sealed class StoreIdKeyRequest
{
    /// <summary>Which key.</summary>
    public StoreIdKeyKind Kind { get; init; }

    /// <summary>The Entra ID token the publisher's service made. A secret: never log it.</summary>
    public string ServiceTicket { get; init; } = "";

    /// <summary>The publisher's own user id, or null (pass <c>""</c> to Windows then).</summary>
    public string? PublisherUserId { get; init; }
}
