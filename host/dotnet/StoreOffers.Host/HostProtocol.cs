namespace StoreOffers.Host;

/// <summary>Fixed names of the store-offer-elements host protocol, version 1 (docs/host-protocol.md).</summary>
public static class HostProtocol
{
    /// <summary>The channel every message of the protocol carries.</summary>
    public const string Channel = "store-offers";

    /// <summary>The protocol's major version.</summary>
    public const int Version = 1;

    /// <summary>The targeted offers endpoint (GET offers, POST claims): the one URL <c>storeRequest</c> reaches.</summary>
    public const string StoreEndpoint = "https://manage.devcenter.microsoft.com/v2.0/my/storeoffers/user";

    /// <summary>The MSA scope of the token the Store accepts for <see cref="StoreEndpoint"/>.</summary>
    public const string TokenScope = "devcenter_implicit.basic,wl.basic";

    /// <summary>Method names, in the order <c>hello</c> lists them.</summary>
    public static class Methods
    {
        /// <summary><c>hello</c>: which methods the host implements.</summary>
        public const string Hello = "hello";
        /// <summary><c>getToken</c>: the MSA token.</summary>
        public const string GetToken = "getToken";
        /// <summary><c>getProducts</c>: display data of add-ons.</summary>
        public const string GetProducts = "getProducts";
        /// <summary><c>purchase</c>: the Store purchase dialog.</summary>
        public const string Purchase = "purchase";
        /// <summary><c>getStoreIdKey</c>: a Microsoft Store ID key.</summary>
        public const string GetStoreIdKey = "getStoreIdKey";
        /// <summary><c>storeRequest</c>: a Store call carried by the host (protocol addition).</summary>
        public const string StoreRequest = "storeRequest";
        /// <summary><c>getAccount</c>: the opaque id of the signed-in user (protocol addition).</summary>
        public const string GetAccount = "getAccount";
        /// <summary><c>takePurchases</c>: the journaled purchases (protocol addition).</summary>
        public const string TakePurchases = "takePurchases";
        /// <summary><c>ackPurchase</c>: forget a journaled purchase (protocol addition).</summary>
        public const string AckPurchase = "ackPurchase";
    }

    /// <summary>Names of host → page events.</summary>
    public static class Events
    {
        /// <summary>The signed-in Store/MSA user changed.</summary>
        public const string AccountChanged = "account-changed";
    }
}
