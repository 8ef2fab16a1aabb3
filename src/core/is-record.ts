/** A plain (non-array, non-null) object: what every untrusted JSON value is checked against. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
