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
  const status = isRecord(raw) && typeof raw.status === 'string' ? STATUSES.get(squash(raw.status)) : undefined;
  if (!isRecord(raw) || !status) throw hostError('The host answered purchase without a known status');
  const outcome: PurchaseOutcome = { status };
  const extendedJsonData = text(raw.extendedJsonData);
  const orderId = text(raw.orderId) ?? (extendedJsonData && orderIdFromExtendedJson(extendedJsonData));
  const receipt = text(raw.receipt);
  if (orderId) outcome.orderId = orderId;
  if (receipt) outcome.receipt = receipt;
  if (extendedJsonData) outcome.extendedJsonData = extendedJsonData;
  return outcome;
}

/**
 * The `orderId` in an `ExtendedJsonData` string: either `StoreCollectionData.ExtendedJsonData`
 * (the `CollectionData` object, `orderId` at its top level) or the whole
 * `StoreProduct.ExtendedJsonData` (`DisplaySkuAvailabilities[i].Sku.CollectionData.orderId`, first
 * SKU that has one). `undefined` when absent or unreadable.
 */
export function orderIdFromExtendedJson(json: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(data)) return undefined;
  if (text(data.orderId)) return data.orderId as string;
  const skus = Array.isArray(data.DisplaySkuAvailabilities) ? data.DisplaySkuAvailabilities : [];
  for (const availability of skus) {
    const orderId = text(availability?.Sku?.CollectionData?.orderId);
    if (orderId) return orderId;
  }
  return undefined;
}

/** The claim receipt (STORE-API.md §1): the `orderId` when there is one, else the receipt XML, else `undefined`. */
export function claimReceipt(outcome: PurchaseOutcome): string | undefined {
  return (
    text(outcome.orderId) ??
    (outcome.extendedJsonData && orderIdFromExtendedJson(outcome.extendedJsonData)) ??
    text(outcome.receipt)
  );
}
