/**
 * The purchase journal (SPEC.md "Protocol additions"): a journaling host writes each purchase
 * outcome durably before answering `purchase`, so a page that reloaded or crashed while the Store
 * dialog was open can still claim it. {@link takeJournaledPurchases} reads the journal
 * (`takePurchases`), claims every succeeded purchase it can match to an offer through the claim
 * queue (whose `trackingId` + receipt key makes a purchase the host returns again, or that the
 * page already claimed, the same claim: never twice), then acknowledges it (`ackPurchase`).
 *
 * A claim is written before its acknowledgement, so a page that dies in between loses nothing:
 * the host returns the purchase again and the queue recognises it. What cannot be claimed (no or
 * unknown `trackingId`, no receipt, a purchase that did not succeed) is acknowledged without a
 * claim, and the first two are reported once per document. Entries that are not readable (no
 * `purchaseId`, an unknown status) are left in the journal untouched: a paid purchase is never
 * acknowledged away unread.
 */
import { isStoreOffersError, StoreOffersError, type ErrorCode } from '../errors.js';
import { MAX_ACCOUNT_LENGTH, text } from '../host/host-results.js';
import { claimReceipt, normalizePurchaseOutcome } from '../host/purchase-outcome.js';
import { isRecord } from '../is-record.js';
import { PurchaseStatus, type Claim, type PurchaseOutcome, type StoreHost, type StoreOffer } from '../types.js';
import type { ClaimQueue } from './claim-queue.js';

/** The longest `purchaseId` taken (an id, not a document). */
const MAX_PURCHASE_ID_LENGTH = MAX_ACCOUNT_LENGTH;

/** The purchases already reported in this document (by `purchaseId`): each is reported once. */
const reported = new Set<string>();

/** What {@link takeJournaledPurchases} works with. */
export interface PurchaseJournalOptions {
  /** The host; nothing happens unless it announces `takePurchases` and `ackPurchase`. */
  host: Pick<StoreHost, 'supports' | 'takePurchases' | 'ackPurchase'>;
  /** The claim queue the purchases are claimed through (its account set already). */
  queue: Pick<ClaimQueue, 'enqueue'>;
  /**
   * The offers of the current account, as loaded: a purchase is matched to the one with its
   * `trackingId`. Pass them only once they loaded (an empty list on a failed load would report
   * every purchase as unmatched).
   */
  offers: readonly StoreOffer[];
  /**
   * Called once per purchase (per document) that is acknowledged without a claim although it
   * succeeded: code `purchase-unmatched` (no or unknown `trackingId`) or `claim-unavailable` (no
   * `orderId` or receipt). `<store-offers>` dispatches it as `store-offers-error`.
   */
  onUnclaimable?(error: StoreOffersError): void;
}

/** What one pass over the journal did. */
export interface PurchaseJournalReport {
  /** The claims of the matched purchases (new ones, or the existing claim of a purchase seen before). */
  claims: Claim[];
  /** Purchases acknowledged (claimed, or nothing to claim). */
  acknowledged: number;
  /** Succeeded purchases acknowledged without a claim (reported through `onUnclaimable`). */
  unclaimable: number;
  /** Entries left in the journal unread: malformed, or repeated in the same answer. */
  skipped: number;
}

/** A journal entry that could be read. */
interface Entry {
  purchaseId: string;
  productId: string;
  trackingId?: string;
  outcome: PurchaseOutcome;
}

/** A readable journal entry, or `undefined` (left in the journal). */
function readEntry(value: unknown): Entry | undefined {
  if (!isRecord(value)) return undefined;
  const purchaseId = text(value.purchaseId);
  const productId = text(value.productId);
  if (!purchaseId || purchaseId.length > MAX_PURCHASE_ID_LENGTH || !productId) return undefined;
  let outcome: PurchaseOutcome;
  try {
    outcome = normalizePurchaseOutcome(value);
  } catch {
    return undefined;
  }
  const entry: Entry = { purchaseId, productId, outcome };
  const trackingId = text(value.trackingId);
  if (trackingId) entry.trackingId = trackingId;
  return entry;
}

/** Whether the host offers `method` (a host without `supports`: whether it has the function). */
async function offers(host: PurchaseJournalOptions['host'], method: 'takePurchases' | 'ackPurchase'): Promise<boolean> {
  if (typeof host[method] != 'function') return false;
  return (await host.supports?.(method).catch(() => false)) ?? true;
}

/**
 * Claims the host's journaled purchases, then acknowledges them (see the module comment). Does
 * nothing (an empty report) when the host does not announce both `takePurchases` and
 * `ackPurchase`. Rejects only when `takePurchases` fails (its `host-*` code); a failed
 * `ackPurchase` leaves the purchase in the journal, to be recognised next time.
 */
export async function takeJournaledPurchases(options: PurchaseJournalOptions): Promise<PurchaseJournalReport> {
  const { host, queue, offers: known, onUnclaimable } = options;
  const report: PurchaseJournalReport = { claims: [], acknowledged: 0, unclaimable: 0, skipped: 0 };
  if (!(await offers(host, 'takePurchases')) || !(await offers(host, 'ackPurchase'))) return report;
  const entries = await host.takePurchases!();
  const byTrackingId = new Map(known.map((offer) => [offer.trackingId, offer]));
  const seen = new Set<string>();
  const acknowledgements: Promise<void>[] = [];

  const unclaimable = (entry: Entry, code: ErrorCode, why: string) => {
    report.unclaimable++;
    if (reported.has(entry.purchaseId)) return;
    reported.add(entry.purchaseId);
    const message = `The journaled purchase ${entry.purchaseId} of ${entry.productId} was not claimed: ${why}`;
    try {
      onUnclaimable?.(new StoreOffersError(code, message));
    } catch (error) {
      reportError(error);
    }
  };

  for (const value of entries) {
    const entry = readEntry(value);
    if (!entry || seen.has(entry.purchaseId)) {
      report.skipped++;
      continue;
    }
    seen.add(entry.purchaseId);
    if (!settle(entry)) continue;
    report.acknowledged++;
    acknowledgements.push(host.ackPurchase!(entry.purchaseId).catch(() => undefined));
  }
  await Promise.all(acknowledgements);
  return report;

  /** Claims the entry when it can be; whether it may be acknowledged now. */
  function settle(entry: Entry): boolean {
    if (entry.outcome.status != PurchaseStatus.Succeeded) return true;
    const storeOffer = entry.trackingId ? byTrackingId.get(entry.trackingId) : undefined;
    if (!storeOffer) {
      const why = entry.trackingId ? `no offer has the trackingId ${entry.trackingId}` : 'it has no trackingId';
      unclaimable(entry, 'purchase-unmatched', why);
      return true;
    }
    const receipt = claimReceipt(entry.outcome);
    if (!receipt) {
      unclaimable(entry, 'claim-unavailable', 'the host gave no orderId or receipt');
      return true;
    }
    try {
      report.claims.push(queue.enqueue({ storeOffer, productId: entry.productId, receipt }));
      return true;
    } catch (error) {
      // Not written: it stays in the journal (a claim-unavailable or invalid input cannot happen
      // here: the receipt and the offer were checked).
      if (!isStoreOffersError(error)) reportError(error);
      report.skipped++;
      return false;
    }
  }
}
