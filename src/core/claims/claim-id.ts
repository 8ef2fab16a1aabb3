/**
 * The id of a claim: a 64-bit hash (16 hex digits) of `trackingId` + receipt, so the same
 * purchase always maps to the same claim, even after its receipt has been dropped from storage.
 * Synchronous on purpose (`enqueue` writes before it returns; `crypto.subtle` is async) and
 * without BigInt (the legacy EdgeHTML bundle). 64 bits make a collision between one user's
 * claims practically impossible; the hash is not a secret and needs no cryptographic strength.
 */
export function claimId(trackingId: string, receipt: string): string {
  const text = `${trackingId}\n${receipt}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex(h2) + hex(h1);
}

function hex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
