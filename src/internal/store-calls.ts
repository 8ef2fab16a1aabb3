/**
 * The offers client of `<store-offers>`, direct or host-carried (SPEC.md "Protocol additions"):
 * when the host announces `storeRequest` and the app set neither `token` nor `endpoint`, every
 * offers GET and claim POST goes through the host and no token is ever asked for; otherwise the
 * requests go direct with the app's token, or the host's `getToken`. The choice waits for the
 * host's `hello` (what it announces), so it is made on first use, once per client.
 */
import { StoreOffersError } from '../core/errors.js';
import { storeRequestTransport, usesHostCarriedCalls, type CarriedTransport } from '../core/host-carried.js';
import { createOffersClient, type OffersClient } from '../core/offers-client.js';
import { createTokenProvider, type TokenProvider } from '../core/token-provider.js';
import type { StoreHost, TokenSource } from '../core/types.js';

/** What {@link createStoreCalls} chooses from. */
export interface StoreCallsOptions {
  /** The host in use, if any. */
  host: StoreHost | undefined;
  /** The app's token, if set. */
  token: TokenSource | undefined;
  /** The app's endpoint, if set. */
  endpoint: string | undefined;
  /**
   * Aborted when these calls are replaced (the signed-in account changed): from then on no
   * token is asked for and nothing is carried by the host, so a request already under way (a
   * claim POST answered 401 after the switch) cannot go again with the next user's token. It
   * fails `no-token` instead; the claim queue sends such a claim again with the calls of its
   * own account.
   */
  retired?: AbortSignal;
}

/** Why retired calls send nothing more. */
function retiredError(): StoreOffersError {
  return new StoreOffersError('no-token', 'No token: the signed-in account changed since this request began');
}

/** `tokens`, refusing once `retired` aborted. */
function retiringTokens(tokens: TokenProvider, retired: AbortSignal | undefined): TokenProvider {
  return {
    get: (options) => (retired?.aborted ? Promise.reject(retiredError()) : tokens.get(options)),
  };
}

/** `carrier`, refusing once `retired` aborted. */
function retiringCarrier(carrier: CarriedTransport, retired: AbortSignal | undefined): CarriedTransport {
  return {
    fetch: (request, init) => (retired?.aborted ? Promise.reject(retiredError()) : carrier.fetch(request, init)),
    refreshToken: () => carrier.refreshToken(),
  };
}

/**
 * An {@link OffersClient} that decides on its first request whether the calls are host-carried.
 * Throws `invalid-config` at once for a bad `endpoint` (the direct client is built eagerly: a
 * configuration error shows without waiting for the host).
 */
export function createStoreCalls(options: StoreCallsOptions): OffersClient {
  const { host, token, endpoint, retired } = options;
  const direct = createOffersClient({ endpoint, token: retiringTokens(createTokenProvider(token, host), retired) });
  let chosen: Promise<OffersClient> | undefined;
  const choose = (): Promise<OffersClient> => {
    chosen ??= usesHostCarriedCalls({ host, token, endpoint }).then((carried) =>
      carried && host ? createOffersClient({ carrier: retiringCarrier(storeRequestTransport(host), retired) }) : direct,
    );
    return chosen;
  };
  return {
    endpoint: direct.endpoint,
    getOffers: async (requestOptions) => (await choose()).getOffers(requestOptions),
    claim: async (storeOffer, receipt, requestOptions) => (await choose()).claim(storeOffer, receipt, requestOptions),
  };
}
