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
}

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
  /** Buys an add-on; resolves with the outcome (user cancel is `not-purchased`, not a rejection). */
  purchase(productId: string): Promise<PurchaseOutcome>;
  /** Creates a Microsoft Store ID key. */
  getStoreIdKey?(request: StoreIdKeyRequest): Promise<string>;
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
