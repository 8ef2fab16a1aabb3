import type { ProductInfo, StoreHost } from '../core/types.js';

/** Product data from one host, for `<store-offers>` and the banners inside it. */
export interface ProductsLoader {
  /** One product's data; `undefined` when the host does not know it or the call failed. */
  (productId: string): Promise<ProductInfo | undefined>;
  /**
   * Asks the host now, in one call, for each of `productIds` not asked for yet (the offers'
   * products, as soon as they arrive).
   */
  prefetch(productIds: readonly string[]): void;
}

/**
 * A product data loader for one host: every product asked for within the same task (all the
 * banners that render together) goes to the host in ONE `getProducts` call, and `prefetch` sends
 * its batch at once. Results are cached; a product the host does not know, or a failed call, gives
 * `undefined` (failures are not cached).
 */
export function createProductsLoader(host: StoreHost | undefined): ProductsLoader {
  const cache = new Map<string, Promise<ProductInfo | undefined>>();
  let batch: Map<string, (product: ProductInfo | undefined) => void> | undefined;

  async function flush() {
    const asked = batch;
    if (!asked) return; // already sent by `prefetch`
    batch = undefined;
    let products: ProductInfo[] = [];
    try {
      products = (await host?.getProducts?.([...asked.keys()])) ?? [];
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
    prefetch(productIds: readonly string[]) {
      productIds.forEach(load);
      void flush();
    },
  });
}
