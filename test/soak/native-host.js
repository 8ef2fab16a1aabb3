// The soak's journaling native host: one per journey, in Node, so it outlives the pages (as the
// app's native code outlives a WebView page that reloads or crashes). A page reaches it through
// a host object (`hostObjectHost`, the real message protocol as JSON) whose `invoke` is a
// Playwright binding. It journals every purchase durably before answering (SPEC.md "The purchase
// journal"), answers `takePurchases` / `ackPurchase`, and can lose an acknowledgement, so the
// next page is handed the same purchase again.

/** What the journaling host announces in `hello` (no getToken: the page's token is the app's). */
export const JOURNAL_METHODS = ['getProducts', 'purchase', 'takePurchases', 'ackPurchase'];

/**
 * The host of one journey: `{ answer(requestJson) → Promise<responseJson | undefined>, journal, inDialog }`.
 * @param {object} journey the journey (productId, trackingId, orderId, dialogMs, ackLost)
 * @param {object} hooks `onPurchase()` is called at every `purchase` request (counted by the driver)
 * @param {object[]} [entries] journal entries present from the start (a withdrawn offer's purchase)
 */
export function createJournalingHost(journey, hooks, entries = []) {
  const journal = [...entries];
  /** Purchase ids whose first acknowledgement the host loses (the entry stays in the journal). */
  const loseAckOf = new Set();
  let purchases = 0;
  let inDialog = 0;

  const methods = {
    hello: async () => ({ methods: JOURNAL_METHODS, app: 'soak-native-host' }),
    getProducts: async () => ({ products: [{ productId: journey.productId, title: `Coins for ${journey.id}`, formattedPrice: '€0.99' }] }),
    async purchase(params) {
      hooks.onPurchase();
      inDialog++;
      // The user in the Store dialog; the page may die meanwhile (the answer then goes nowhere).
      await new Promise((resolve) => setTimeout(resolve, journey.dialogMs));
      inDialog--;
      purchases++;
      const purchaseId = `soak-purchase-${journey.id}-${purchases}`;
      const outcome = { status: 'Succeeded', orderId: journey.orderId };
      // Written before the answer, as a journaling host must.
      journal.push({ purchaseId, productId: String(params.productId), trackingId: params.trackingId, ...outcome });
      if (journey.ackLost) loseAckOf.add(purchaseId);
      return { ...outcome, purchaseId };
    },
    takePurchases: async () => ({ purchases: journal.map((entry) => ({ ...entry })) }),
    async ackPurchase(params) {
      if (loseAckOf.delete(params.purchaseId)) return {};
      const index = journal.findIndex((entry) => entry.purchaseId === params.purchaseId);
      if (index >= 0) journal.splice(index, 1);
      return {};
    },
  };

  return {
    journal,
    /** Purchases whose Store dialog is still open. */
    inDialog: () => inDialog,
    async answer(requestJson) {
      const { channel, v, id, method, params } = JSON.parse(requestJson);
      const run = methods[method];
      if (!run) return JSON.stringify({ channel, v, id, error: { code: 'unknown-method', message: method } });
      return JSON.stringify({ channel, v, id, result: await run(params ?? {}) });
    },
  };
}
