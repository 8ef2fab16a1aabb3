/** Purchase outcomes from any host, in any native spelling, to one `PurchaseOutcome`. */
import { PurchaseStatus, type PurchaseOutcome } from '../types.js';
import { malformed, strings, text } from './host-results.js';

/** Status by its letters alone: `Succeeded`, `ALREADY_PURCHASED`, `already-purchased` → one key. */
const squash = (status: string) => status.toLowerCase().replace(/[-_\s]/g, '');

/**
 * Normalises what a host's `purchase` returned. The status may use the native spellings
 * (`Succeeded`, `AlreadyPurchased`, `NotPurchased`, `NotFulfilled`, `NetworkError`, `ServerError`,
 * any case) or ours (`already-purchased`). Numbers are refused: `StorePurchaseStatus` and the
 * legacy `ProductPurchaseStatus` number their values differently. A missing or unknown status →
 * `host-error`. Optional fields of the wrong type are dropped rather than failing a purchase that
 * may already be paid for. When `orderId` is absent it is looked up in `extendedJsonData`.
 */
export function normalizePurchaseOutcome(raw: unknown): PurchaseOutcome {
  const fields = (raw ?? {}) as Record<string, unknown>;
  const { status } = fields;
  const statuses = Object.values(PurchaseStatus);
  const known = typeof status == 'string' ? statuses.find((value) => squash(value) == squash(status)) : undefined;
  if (!known) throw malformed('purchase', 'status');
  return strings(
    { ...fields, orderId: text(fields.orderId) ?? orderIdFromExtendedJson(text(fields.extendedJsonData)!) },
    ['orderId', 'receipt', 'extendedJsonData', 'purchaseId'],
    { status: known },
  );
}

/** The part of a `DisplaySkuAvailabilities` item read here. */
type SkuAvailability = { Sku?: { CollectionData?: { orderId?: unknown } } } | null;

/**
 * The `orderId` in an `ExtendedJsonData` string: either `StoreCollectionData.ExtendedJsonData`
 * (the `CollectionData` object, `orderId` at its top level) or the whole
 * `StoreProduct.ExtendedJsonData` (`DisplaySkuAvailabilities[i].Sku.CollectionData.orderId`, first
 * SKU that has one). `undefined` when absent or unreadable (not a string, not JSON, JSON `null`).
 */
export function orderIdFromExtendedJson(json: string): string | undefined {
  try {
    const data = JSON.parse(json);
    const direct = text(data.orderId);
    if (direct) return direct;
    const skus: unknown = data.DisplaySkuAvailabilities;
    if (!Array.isArray(skus)) return undefined;
    return skus.map((sku: SkuAvailability) => text(sku?.Sku?.CollectionData?.orderId)).find(Boolean);
  } catch {
    // not JSON, or JSON null
    return undefined;
  }
}

/**
 * The claim receipt (STORE-API.md §1): the `orderId` (given, or found in `extendedJsonData`) when
 * there is one, else the receipt XML, else `undefined`.
 */
export function claimReceipt(outcome: PurchaseOutcome): string | undefined {
  const { orderId, receipt } = normalizePurchaseOutcome(outcome);
  return orderId ?? receipt;
}
