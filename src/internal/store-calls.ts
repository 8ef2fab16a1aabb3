/**
 * The offers client of `<store-offers>`, direct or host-carried (SPEC.md "Protocol additions"):
 * when the host announces `storeRequest` and the app set neither `token` nor `endpoint`, every
 * offers GET and claim POST goes through the host and no token is ever asked for; otherwise the
 * requests go direct with the app's token, or the host's `getToken`. The choice waits for the
 * host's `hello` (what it announces), so it is made on first use, once per client.
 */
import { storeRequestTransport, usesHostCarriedCalls } from '../core/host-carried.js';
import { createOffersClient, type OffersClient } from '../core/offers-client.js';
import { createTokenProvider } from '../core/token-provider.js';
import type { StoreHost, TokenSource } from '../core/types.js';

/** What {@link createStoreCalls} chooses from. */
export interface StoreCallsOptions {
  /** The host in use, if any. */
  host: StoreHost | undefined;
  /** The app's token, if set. */
  token: TokenSource | undefined;
  /** The app's endpoint, if set. */
  endpoint: string | undefined;
}

/**
 * An {@link OffersClient} that decides on its first request whether the calls are host-carried.
 * Throws `invalid-config` at once for a bad `endpoint` (the direct client is built eagerly: a
 * configuration error shows without waiting for the host).
 */
export function createStoreCalls(options: StoreCallsOptions): OffersClient {
  const { host, token, endpoint } = options;
  const direct = createOffersClient({ endpoint, token: createTokenProvider(token, host) });
  let chosen: Promise<OffersClient> | undefined;
  const choose = (): Promise<OffersClient> => {
    chosen ??= usesHostCarriedCalls({ host, token, endpoint }).then((carried) =>
      carried && host ? createOffersClient({ carrier: storeRequestTransport(host) }) : direct,
    );
    return chosen;
  };
  return {
    endpoint: direct.endpoint,
    getOffers: async (requestOptions) => (await choose()).getOffers(requestOptions),
    claim: async (storeOffer, receipt, requestOptions) => (await choose()).claim(storeOffer, receipt, requestOptions),
  };
}
