/** Where the token may go: endpoint validation. */
import { StoreOffersError } from './errors.js';

/** The Store's targeted-offers endpoint (STORE-API.md §1), used when none is configured. */
export const DEFAULT_ENDPOINT = 'https://manage.devcenter.microsoft.com/v2.0/my/storeoffers/user';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Validates and normalises an endpoint (default {@link DEFAULT_ENDPOINT}): `https:`, or `http:` on
 * `localhost` / `127.0.0.1` / `[::1]`; anything else (other schemes, other http hosts, credentials
 * in the URL, unparsable text) throws `StoreOffersError` `invalid-config`. Relative URLs resolve
 * against `location.href` when there is one. Returns the absolute URL without its `#fragment`.
 */
export function validateEndpoint(endpoint: string = DEFAULT_ENDPOINT): string {
  let url: URL | undefined;
  try {
    if (endpoint.trim()) url = new URL(endpoint, globalThis.location?.href);
  } catch {
    // not a URL (or not a string)
  }
  if (
    !url ||
    url.username ||
    url.password ||
    !(url.protocol == 'https:' || (url.protocol == 'http:' && LOOPBACK_HOSTS.includes(url.hostname)))
  ) {
    // Shown without credentials or query.
    const shown = url ? `${url.protocol}//${url.host}${url.pathname}` : JSON.stringify(String(endpoint).slice(0, 80));
    throw new StoreOffersError(
      'invalid-config',
      `Invalid endpoint ${shown}: https: only (http: on localhost, 127.0.0.1, [::1]), no credentials`,
    );
  }
  url.hash = '';
  return url.href;
}
