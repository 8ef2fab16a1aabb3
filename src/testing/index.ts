/**
 * `store-offer-elements/testing`: the mock Store (HTTP handler + middleware + browser client)
 * and the mock host, for this library's tests, its demo, and app developers' own tests.
 */
export * from './mock-store.js';
export * from './mock-store-middleware.js';
export * from './mock-store-client.js';
export * from './mock-host.js';
export * from './store-events.js';
