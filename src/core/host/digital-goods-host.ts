/** `digitalGoodsHost`: a Microsoft Store PWA, through the Digital Goods and Payment Request APIs. */
import type { StoreHost } from '../types.js';
import { hostUnavailable } from './host-results.js';
import { functionHost } from './function-host.js';

/** The Microsoft Store's billing service and payment method identifier. */
export const STORE_BILLING = 'https://store.microsoft.com/billing';

interface ItemDetails {
  itemId: string;
  title: string;
  description?: string;
  price?: { currency: string; value: string };
  iconURLs?: string[];
}

/** The part of a Digital Goods service this adapter uses. */
interface DigitalGoodsService {
  getDetails(itemIds: string[]): Promise<ItemDetails[]>;
}

/** The globals this adapter uses; tests pass stand-ins. */
export interface DigitalGoodsGlobal {
  getDigitalGoodsService?(serviceUrl: string): Promise<DigitalGoodsService | null>;
  PaymentRequest?: new (methods: { supportedMethods: string; data: object }[]) => {
    show(): Promise<{ complete?(result: string): Promise<void> }>;
  };
}

/** Options of {@link digitalGoodsHost}. */
export interface DigitalGoodsHostOptions {
  /** The Digital Goods service and payment method (default the Microsoft Store's). */
  serviceUrl?: string;
  /** Where `getDigitalGoodsService` and `PaymentRequest` live (default `window`). */
  target?: DigitalGoodsGlobal | Window;
  /** Locale for prices (default: the browser's). */
  locale?: string;
}

/**
 * A host for a PWA installed from the Microsoft Store (Edge ≥ 134). `getProducts` uses
 * `getDetails`; the price arrives as a raw `{ currency, value }`, so this is the one place the
 * library formats a price (`Intl.NumberFormat`). `purchase` shows a `PaymentRequest` for the item
 * (`data: { item_id, sku }`): resolved → `succeeded`, `AbortError` (cancel or failure, the API does
 * not tell them apart) → `not-purchased`. No orderId or receipt exists on this path, so
 * `canClaim` is `false`. `getToken` and `getStoreIdKey` reject with `host-unavailable`.
 */
export function digitalGoodsHost(options: DigitalGoodsHostOptions = {}): StoreHost {
  const { serviceUrl = STORE_BILLING, target = window, locale } = options;
  const dg = target as DigitalGoodsGlobal;
  return functionHost({
    canClaim: false,
    async getProducts(productIds: string[]) {
      const service = await dg.getDigitalGoodsService?.(serviceUrl);
      if (!service) throw hostUnavailable(serviceUrl);
      // title and description pass as they are; functionHost drops what is not a product field.
      return (await service.getDetails(productIds)).map((item) => {
        let formattedPrice;
        try {
          // No price, or an unknown currency code, throws: no price rather than a wrong one.
          const format = new Intl.NumberFormat(locale, { style: 'currency', currency: item.price!.currency });
          formattedPrice = format.format(Number(item.price!.value));
        } catch {}
        return { ...item, productId: item.itemId, formattedPrice, imageUrl: item.iconURLs?.[0] };
      });
    },
    async purchase(productId: string) {
      if (!dg.PaymentRequest) throw hostUnavailable('PaymentRequest');
      const methods = [{ supportedMethods: serviceUrl, data: { item_id: productId, sku: productId } }];
      const response = await new dg.PaymentRequest(methods)
        .show()
        .catch((error) => {
          // Cancel or failure: the API does not tell them apart.
          if (error?.name != 'AbortError') throw error;
        });
      response?.complete?.('success').catch(() => {});
      return { status: response ? 'succeeded' : 'not-purchased' };
    },
  });
}
