/** store-offer-elements: classes, core API and types. No side effects. */
export * from './core/errors.js';
export * from './core/types.js';
