/**
 * The data shapes shared by the core, the elements and hosts. Wire shapes are in STORE-API.md;
 * these are the normalised forms the library works with.
 */

/**
 * One targeted offer (one customer segment), normalised from either wire shape.
 * `offers` holds the add-on product ids (`InAppOfferToken`s).
 */
export interface StoreOffer {
  /** Add-on product ids (`InAppOfferToken`s) in this offer. */
  offers: string[];
  /** The GUID that identifies the offer for claims and analytics. */
  trackingId: string;
  /** Store IDs by product id, when the (undocumented) object wire shape supplied them. */
  storeIds?: Record<string, string>;
  /** The element exactly as the Store sent it: echoed back verbatim in claims. */
  raw: unknown;
}

/** Product display data from the host (`StoreProduct` on Windows). */
export interface ProductInfo {
  productId: string;
  title: string;
  description?: string;
  /** Already localised by the Store; shown as is. */
  formattedPrice?: string;
  imageUrl?: string;
}

/** Normalised purchase statuses. */
export const PurchaseStatus = {
  Succeeded: 'succeeded',
  AlreadyPurchased: 'already-purchased',
  NotPurchased: 'not-purchased',
  NotFulfilled: 'not-fulfilled',
  NetworkError: 'network-error',
  ServerError: 'server-error',
} as const;
/** A normalised purchase status. */
export type PurchaseStatus = (typeof PurchaseStatus)[keyof typeof PurchaseStatus];

/** What a host's `purchase` returns, after normalisation. */
export interface PurchaseOutcome {
  status: PurchaseStatus;
  /** The order GUID (`CollectionData.orderId`), when known. */
  orderId?: string;
  /** Legacy `ReceiptXml`, when the host used `Windows.ApplicationModel.Store`. */
  receipt?: string;
  /** `StoreProduct.ExtendedJsonData` or `StoreCollectionData.ExtendedJsonData`, as the host sent it. */
  extendedJsonData?: string;
  /** The journal entry a journaling host wrote for this purchase (SPEC.md "The purchase journal"). */
  purchaseId?: string;
}

/** What `purchase` tells the host besides the product (protocol additions). */
export interface PurchaseOptions {
  /** The offer's `trackingId`, journaled with the outcome so a later page can claim it. */
  trackingId?: string;
}

/**
 * A Store call the host carries (`storeRequest`): the host sends it to its own fixed Store URL
 * with its own token. No URL and no headers come from the page.
 */
export interface StoreRequest {
  method: 'GET' | 'POST';
  /** The JSON text of a POST's body. */
  body?: string;
  /** Set on the request after a 401: the host gets a fresh token first. */
  forceRefresh?: boolean;
}

/** The Store's answer to a {@link StoreRequest}, as the host relays it. */
export interface StoreResponse {
  /** The HTTP status, an integer 100–599. */
  status: number;
  /** The `Retry-After` header, as sent. */
  retryAfter?: string;
  /** The response text. */
  body?: string;
}

/** One entry of a journaling host's `takePurchases`, before the page checked it. */
export interface JournaledPurchase extends PurchaseOutcome {
  /** The host's id of the entry, acknowledged with `ackPurchase`. */
  purchaseId: string;
  productId: string;
  trackingId?: string;
}

/** Listens to the host's `account-changed` event; `null`: nobody is signed in. */
export type AccountListener = (account: string | null) => void;

/** A request for a Microsoft Store ID key (STORE-API.md §4). */
export interface StoreIdKeyRequest {
  kind: 'collections' | 'purchase';
  serviceTicket: string;
  publisherUserId?: string;
}

/** The bridge to native code. Only `purchase` is required. */
export interface StoreHost {
  /** Returns the MSA token; `forceRefresh` after a 401. */
  getToken?(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Returns display data for the given product ids (one call for many). */
  getProducts?(productIds: string[]): Promise<ProductInfo[]>;
  /**
   * Buys an add-on; resolves with the outcome (user cancel is `not-purchased`, not a rejection).
   * `trackingId` is journaled by a journaling host, whose outcome then carries a `purchaseId`.
   */
  purchase(productId: string, options?: PurchaseOptions): Promise<PurchaseOutcome>;
  /** Creates a Microsoft Store ID key. */
  getStoreIdKey?(request: StoreIdKeyRequest): Promise<string>;
  /** Carries one Store call with the host's own token (the page never holds one). */
  storeRequest?(request: StoreRequest): Promise<StoreResponse>;
  /** The opaque id of the signed-in Store user, `null` when nobody is signed in. */
  getAccount?(): Promise<string | null>;
  /** The journaled purchases not acknowledged yet (of the current account). */
  takePurchases?(): Promise<unknown[]>;
  /** Forgets one journaled purchase. */
  ackPurchase?(purchaseId: string): Promise<void>;
  /**
   * Calls `listener` whenever the host says the account changed (its `account-changed` event; a
   * host without a push channel is asked `getAccount` again when the page becomes visible).
   * Returns the unsubscribe.
   */
  onAccountChanged?(listener: AccountListener): () => void;
  /**
   * Whether the host offers `method` (what its `hello` announced; a plain object: whether it has
   * the function). Resolves `false` rather than rejecting.
   */
  supports?(method: string): Promise<boolean>;
  /** Whether purchases can be claimed (false for the Digital Goods path: no orderId/receipt). */
  readonly canClaim?: boolean;
  /** Releases listeners and pending requests (a purchase in flight is still heard out: the user may be paying). */
  dispose?(): void;
}

/** A token, or a function that returns one (called with `{ forceRefresh: true }` after a 401). */
export type TokenSource = string | ((options?: { forceRefresh?: boolean }) => Promise<string>);

/** The states of a claim. */
export const ClaimState = {
  Pending: 'pending',
  Submitting: 'submitting',
  Claimed: 'claimed',
  Failed: 'failed',
} as const;
/** A claim state. */
export type ClaimState = (typeof ClaimState)[keyof typeof ClaimState];

/** A claim as seen by subscribers and events (never contains the token). */
export interface Claim {
  /** Stable id: derived from `trackingId` + receipt. */
  id: string;
  trackingId: string;
  productId: string;
  state: ClaimState;
  /** POST attempts made so far. */
  attempts: number;
  /** The last error, for `failed` (and for `pending` after a retryable failure). */
  error?: { code: string; message: string };
}
