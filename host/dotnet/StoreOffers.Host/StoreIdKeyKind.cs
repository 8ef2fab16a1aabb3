namespace StoreOffers.Host;

/// <summary>Which Microsoft Store ID key <c>getStoreIdKey</c> asks for.</summary>
public enum StoreIdKeyKind
{
    /// <summary><c>"collections"</c>: <c>StoreContext.GetCustomerCollectionsIdAsync</c>.</summary>
    Collections,
    /// <summary><c>"purchase"</c>: <c>StoreContext.GetCustomerPurchaseIdAsync</c>.</summary>
    Purchase,
}
