/** Purchase outcomes from any host, in any native spelling, to one `PurchaseOutcome`. */
import { PurchaseStatus, type PurchaseOutcome } from '../types.js';
import { isRecord } from '../is-record.js';
import { hostError, text } from './host-results.js';

/** Status by its letters alone: `Succeeded`, `ALREADY_PURCHASED`, `already-purchased` → one key. */
const squash = (status: string) => status.toLowerCase().replace(/[-_\s]/g, '');
const STATUSES = new Map(Object.values(PurchaseStatus).map((status) => [squash(status), status]));

/**
 * Normalises what a host's `purchase` returned. The status may use the native spellings
 * (`Succeeded`, `AlreadyPurchased`, `NotPurchased`, `NotFulfilled`, `NetworkError`, `ServerError`,
 * any case) or ours (`already-purchased`). Numbers are refused: `StorePurchaseStatus` and the
 * legacy `ProductPurchaseStatus` number their values differently. A missing or unknown status →
 * `host-error`. Optional fields of the wrong type are dropped rather than failing a purchase that
 * may already be paid for. When `orderId` is absent it is looked up in `extendedJsonData`.
 */
export function normalizePurchaseOutcome(raw: unknown): PurchaseOutcome {
  const { status, orderId, receipt, extendedJsonData }: Record<string, unknown> = isRecord(raw) ? raw : {};
  const known = typeof status == 'string' && STATUSES.get(squash(status));
  if (!known) throw hostError('The host answered purchase without a known status');
  const outcome: PurchaseOutcome = { status: known };
  const json = text(extendedJsonData);
  const id = text(orderId) ?? (json && orderIdFromExtendedJson(json));
  if (id) outcome.orderId = id;
  if (text(receipt)) outcome.receipt = receipt as string;
  if (json) outcome.extendedJsonData = json;
  return outcome;
}

/**
 * The `orderId` in an `ExtendedJsonData` string: either `StoreCollectionData.ExtendedJsonData`
 * (the `CollectionData` object, `orderId` at its top level) or the whole
 * `StoreProduct.ExtendedJsonData` (`DisplaySkuAvailabilities[i].Sku.CollectionData.orderId`, first
 * SKU that has one). `undefined` when absent or unreadable.
 */
export function orderIdFromExtendedJson(json: string): string | undefined {
  try {
    const data = JSON.parse(json);
    const skus = data.DisplaySkuAvailabilities;
    return text(data.orderId) ?? (Array.isArray(skus) ? skus.map((sku) => text(sku?.Sku?.CollectionData?.orderId)).find(Boolean) : undefined);
  } catch {
    return undefined; // not JSON, or JSON null
  }
}

/** The claim receipt (STORE-API.md §1): the `orderId` when there is one, else the receipt XML, else `undefined`. */
export function claimReceipt(outcome: PurchaseOutcome): string | undefined {
  return (
    text(outcome.orderId) ??
    (outcome.extendedJsonData && orderIdFromExtendedJson(outcome.extendedJsonData)) ??
    text(outcome.receipt)
  );
}
