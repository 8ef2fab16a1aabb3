import type { ProductInfo, StoreHost } from '../core/types.js';

/**
 * A product data loader for one host: every product asked for within the same task (all the
 * banners that render together) goes to the host in ONE `getProducts` call. Results are cached;
 * a product the host does not know, or a failed call, gives `undefined` (failures are not cached).
 */
export function createProductsLoader(host: StoreHost | undefined): (productId: string) => Promise<ProductInfo | undefined> {
  const cache = new Map<string, Promise<ProductInfo | undefined>>();
  let batch: Map<string, (product: ProductInfo | undefined) => void> | undefined;

  async function flush() {
    const asked = batch!;
    batch = undefined;
    let products: ProductInfo[] = [];
    try {
      products = (await host?.getProducts?.([...asked.keys()])) ?? [];
    } catch {
      for (const id of asked.keys()) cache.delete(id);
    }
    for (const [id, resolve] of asked) resolve(products.find((product) => product.productId === id));
  }

  return (productId) => {
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
}
