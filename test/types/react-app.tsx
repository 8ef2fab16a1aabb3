// A React app on `store-offer-elements/react`, as a consumer writes it. Type-checked by
// test/node/types.test.js; bundled with esbuild and run in Chromium by test/node/react.test.js,
// which reads what the event props received from `window.seen`.
import { createRoot } from 'react-dom/client';
import { functionHost, type StorePurchaseCompleteEvent } from 'store-offer-elements';
import { StoreClaimStatus, StoreOfferBanner, StoreOffers, StorePurchaseButton } from 'store-offer-elements/react';

const seen: string[] = [];
const purchases: string[] = [];
Object.assign(window, { seen, purchases });

const host = functionHost({
  async purchase(productId) {
    purchases.push(productId);
    return { status: 'succeeded', orderId: 'order-1' };
  },
});

function App() {
  const heard = (event: StorePurchaseCompleteEvent) => seen.push(`provider heard ${event.detail.productId} ${event.detail.orderId}`);
  return (
    <StoreOffers
      host={host}
      claims="off"
      onStorePurchaseComplete={heard}
      onStoreClaimChange={(event) => event.detail.claim.state}
    >
      <StoreOfferBanner productId="100x gold coins" dismissible onStoreOfferDismiss={(event) => event.detail.trackingId} />
      <StorePurchaseButton
        id="remove-ads"
        productId="remove-ads"
        onStorePurchaseRequest={(event) => seen.push(`request ${event.detail.productId}`)}
        onStorePurchaseComplete={(event) => seen.push(`complete ${event.detail.status}`)}
      >
        Remove ads
      </StorePurchaseButton>
      <StorePurchaseButton
        id="vetoed"
        productId="vetoed"
        strings={{ buy: 'Get it' }}
        onStorePurchaseRequest={(event) => {
          event.preventDefault();
          seen.push(`vetoed ${event.detail.productId}`);
        }}
      />
      {/* It only renders: store-claim-change comes from the provider. */}
      <StoreClaimStatus trackingId="5de5dd29-6dce-4e68-b45e-d8ee6c2cd203" />
      {/* The raw tags are typed too (attributes only). */}
      <store-claim-status tracking-id="5de5dd29-6dce-4e68-b45e-d8ee6c2cd203"></store-claim-status>
    </StoreOffers>
  );
}

createRoot(document.getElementById('root')!).render(<App />);

// @ts-expect-error the wrappers' props are typed: productId is a string
export const wrongProp = <StorePurchaseButton productId={42} />;
// @ts-expect-error event props receive the library's event: its detail has no `price`
export const wrongEvent = <StorePurchaseButton productId="x" onStorePurchaseComplete={(event) => event.detail.price} />;
// @ts-expect-error the raw tag's attributes are typed too
export const wrongAttribute = <store-offers claims="sometimes"></store-offers>;
