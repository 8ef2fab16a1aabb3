import { earlyCalls } from '../core/host/early-calls.js';
import type { ProductInfo, StoreHost } from '../core/types.js';

/** Product data from one host, for `<store-offers>` and the banners inside it. */
export interface ProductsLoader {
  /** One product's data; `undefined` when the host does not know it or the call failed. */
  (productId: string): Promise<ProductInfo | undefined>;
  /**
   * A banner that shows the offers' own product (it has no `product-id`) says so when it
   * connects: until the offers arrive, the products asked for wait for them in one batch, so that
   * the banners' products still go to the host in one call.
   */
  holdForOffers(): void;
  /**
   * The offers arrived. When a banner waits for them ({@link holdForOffers}), asks now, in one
   * call with the batch held, for each of `productIds` not asked for yet; otherwise the banners
   * asked for their products already (each has a `product-id`), and nothing more is asked.
   */
  offersArrived(productIds: readonly string[]): void;
}

/**
 * A product data loader for one host: every product asked for within the same task (all the
 * banners that render together) goes to the host in ONE `getProducts` call. A banner with a
 * `product-id` asks as it connects, before the offers arrived (its product is known); when a
 * banner waits for the offers, that batch is held for them and sent with their products. Results
 * are cached; a product the host does not know, or a failed call, gives `undefined` (failures are
 * not cached). A message host is asked through its early calls: the call goes out beside its
 * `hello`, not after it.
 */
export function createProductsLoader(host: StoreHost | undefined): ProductsLoader {
  const calls = earlyCalls(host) ?? host;
  const cache = new Map<string, Promise<ProductInfo | undefined>>();
  let batch: Map<string, (product: ProductInfo | undefined) => void> | undefined;
  /** Whether a banner shows the offers' own product: batches before the offers wait for them. */
  let bannerWaitsForOffers = false;
  /** Whether the offers arrived once: from then on no batch waits. */
  let offersKnown = false;

  async function flush() {
    const asked = batch;
    if (!asked) return; // already sent by `offersArrived`
    if (bannerWaitsForOffers && !offersKnown) return; // held: `offersArrived` sends it
    batch = undefined;
    let products: ProductInfo[] = [];
    try {
      products = (await calls?.getProducts?.([...asked.keys()])) ?? [];
    } catch {
      for (const id of asked.keys()) cache.delete(id);
    }
    for (const [id, resolve] of asked) resolve(products.find((product) => product.productId === id));
  }

  const load = (productId: string) => {
    let product = cache.get(productId);
    if (!product) {
      product = new Promise((resolve) => {
        if (!batch) {
          batch = new Map();
          setTimeout(flush);
        }
        batch.set(productId, resolve);
      });
      cache.set(productId, product);
    }
    return product;
  };
  return Object.assign(load, {
    holdForOffers() {
      bannerWaitsForOffers = true;
    },
    offersArrived(productIds: readonly string[]) {
      offersKnown = true;
      if (!bannerWaitsForOffers) return;
      productIds.forEach(load);
      void flush();
    },
  });
}
