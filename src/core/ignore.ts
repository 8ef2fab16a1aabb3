/**
 * Swallows a rejection on purpose: one that is reported elsewhere, or of a promise whose result
 * nobody takes any more. Each caller says which.
 */
export const ignore = (): undefined => undefined;
