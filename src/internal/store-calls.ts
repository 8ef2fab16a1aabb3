/**
 * The offers client of `<store-offers>`, direct or host-carried (SPEC.md "Protocol additions"):
 * when the host announces `storeRequest` and the app set neither `token` nor `endpoint`, every
 * offers GET and claim POST goes through the host and no token is ever asked for; otherwise the
 * requests go direct with the app's token, or the host's `getToken`. The choice waits for the
 * host's `hello` (what it announces), so it is made on first use, once per client.
 *
 * What does not depend on that answer does not wait for it (docs/host-protocol.md "Before
 * hello"): the host's `getToken` goes out beside `hello` when the app's `endpoint` already means
 * direct calls, and when the calls may be host-carried the first offers GET goes out at once as a
 * `storeRequest`, kept if `hello` announces it and dropped (then asked direct) if not. Never a
 * `getToken` before `hello` could say `storeRequest`: a host-carried page holds no token.
 */
import { StoreOffersError } from '../core/errors.js';
import { mayCarryStoreCalls, storeRequestTransport, usesHostCarriedCalls, type CarriedTransport } from '../core/host-carried.js';
import { earlyCalls } from '../core/host/early-calls.js';
import { ignore } from '../core/ignore.js';
import { createOffersClient, type OffersClient } from '../core/offers-client.js';
import { createTokenProvider, type TokenProvider } from '../core/token-provider.js';
import type { StoreHost, StoreOffer, TokenSource } from '../core/types.js';

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

/** The options of one offers request. */
type RequestOptions = { signal?: AbortSignal };

/**
 * An {@link OffersClient} that decides on its first request whether the calls are host-carried.
 * Throws `invalid-config` at once for a bad `endpoint` (the direct client is built eagerly: a
 * configuration error shows without waiting for the host).
 */
export function createStoreCalls(options: StoreCallsOptions): OffersClient {
  const { host, token, endpoint, retired } = options;
  // A message host's early calls go out beside its hello; once hello answered they are its own.
  const early = earlyCalls(host);
  const calls = early ?? host;
  // The token provider asks only for direct calls: at once when the app set an endpoint, else
  // after hello said the host carries nothing.
  const direct = createOffersClient({ endpoint, token: retiringTokens(createTokenProvider(token, calls), retired) });
  const carrier = calls && mayCarryStoreCalls(options) ? retiringCarrier(storeRequestTransport(calls), retired) : undefined;
  const carried = carrier ? createOffersClient({ carrier }) : undefined;
  /** The client chosen, once hello answered. */
  let decided: OffersClient | undefined;
  let choosing: Promise<OffersClient> | undefined;
  const choose = (): Promise<OffersClient> => {
    choosing ??= usesHostCarriedCalls(options).then((carries) => {
      decided = carries && carried ? carried : direct;
      return decided;
    });
    return choosing;
  };

  /**
   * The first offers GET of a host that may carry it, sent host-carried at once (beside hello):
   * kept when hello announces `storeRequest`, else abandoned (its attempt ends with
   * `host-unavailable`, nobody sees it) and asked direct.
   */
  async function getOffersAhead(client: OffersClient, requestOptions: RequestOptions): Promise<StoreOffer[]> {
    const abandon = new AbortController();
    const { signal } = requestOptions;
    const attempt = client.getOffers({ signal: signal ? AbortSignal.any([signal, abandon.signal]) : abandon.signal });
    // Taken below only when the host carries the calls; else abandoned, and nobody takes it.
    attempt.catch(ignore);
    const chosen = await choose();
    if (chosen === client) return attempt;
    abandon.abort();
    return chosen.getOffers(requestOptions);
  }

  return {
    endpoint: direct.endpoint,
    getOffers: async (requestOptions = {}) => {
      if (decided) return decided.getOffers(requestOptions);
      // Only a host with early calls is asked ahead: a plain object's storeRequest has no hello
      // to say "not mine", so calling it would be a real Store request.
      if (carried && early) return getOffersAhead(carried, requestOptions);
      return (await choose()).getOffers(requestOptions);
    },
    // A claim POST changes something at the Store: it waits for the choice, never speculative.
    claim: async (storeOffer, receipt, requestOptions) => (await choose()).claim(storeOffer, receipt, requestOptions),
  };
}
