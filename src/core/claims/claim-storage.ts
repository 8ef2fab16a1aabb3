/**
 * Where claims live: one record per claim in `localStorage` under `<key>:<id>`, the records that
 * storage refused kept in memory, the changes other queues make, and the lock that lets one queue
 * send a claim at a time.
 *
 * **One key per claim** (not one JSON blob for all): two tabs writing different claims never
 * overwrite each other, and a `storage` event names exactly the claim that changed. `storage`
 * events never reach the document that wrote, so each write is also handed to this document's
 * other queues, in the same shape.
 *
 * **Nothing in storage can make the queue throw.** Every access is guarded (storage can throw
 * anywhere: disabled, sandboxed, full); unreadable records are dropped, the readable ones kept.
 * A write storage refuses (quota, privacy mode) first makes room by dropping the claimed records,
 * then is kept in the document's memory, where it wins over storage. Without `localStorage`
 * (sandboxed frames, storage disabled) every record lives there: claims still go out (also from
 * a queue made after the one that took them was disposed), they just do not survive a reload.
 *
 * **Retention.** Claimed records are kept for a year and at most 200 of them (the most recent),
 * so enqueuing the same purchase again is recognised; one enqueued again after its record aged
 * out is claimed again, which the Store's receipt keying absorbs. Open claims are never aged out.
 */
import { readRecord, type ClaimRecord } from './claim-record.js';

/** Claimed records are kept this long (a year)... */
const CLAIMED_RETENTION_MS = 365 * 24 * 60 * 60 * 1000;
/** ...and at most this many of them (the most recently claimed). */
export const CLAIMED_MAX = 200;
/** A claim id: 16 hex digits (see `claimId`). */
const CLAIM_ID = /^[\da-f]{16}$/;

/**
 * The records storage refused to take, by `<key>:<id>`: kept for the whole document, so a queue
 * made after another was disposed (a provider torn down and put up again) still sends them.
 */
const unsaved = new Map<string, ClaimRecord>();
/** The storage without `localStorage`: every access throws, so every record lives in `unsaved`. */
const NO_STORAGE = {} as Storage;

/** A change to one stored claim: its storage key and its new text (`null`: removed). */
type StorageChange = { storageArea: Storage | null; key: string | null; newValue: string | null };

/** The change listeners of this document's open claim storages, each with the storage it belongs to. */
const documentListeners = new Set<{ owner: ClaimStorage; hear: (change: StorageChange) => void }>();

/** The claims (`<key>:<id>`) some queue of this document is sending. */
const sending = new Set<string>();

/** Runs `action`, `undefined` when it throws (storage access can throw anywhere). */
function safely<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}

/** The claims of one namespace in one storage area. */
export interface ClaimStorage {
  /** The storage key (and lock name) of claim `id`: `<key>:<id>`. */
  keyOf(id: string): string;
  /**
   * The record of `id` as stored, memory first: `undefined` when missing or unreadable, `null`
   * when a newer library version wrote it (its own to send, left alone).
   */
  stored(id: string): ClaimRecord | null | undefined;
  /** The readable record of `id`; an unreadable one is removed. */
  read(id: string): ClaimRecord | undefined;
  /** Every readable record, oldest first. */
  list(): ClaimRecord[];
  /**
   * Writes a record (in memory when storage refuses it, after making room) and hands the change
   * to this document's other claim storages.
   */
  write(record: ClaimRecord): void;
  /** Drops the claimed records beyond the `keep` most recent, or older than a year. */
  prune(keep: number): void;
  /**
   * Calls `onChange` with the id and new text of every claim another queue changes (another tab
   * through `storage` events, or another queue of this document). Returns the stop function.
   */
  watch(onChange: (id: string, text: string | null) => void): () => void;
}

/** Opens the claims stored under `<key>:` in `storage` (default `localStorage`, or memory when there is none). */
export function openClaimStorage(options: { storage?: Storage; key: string }): ClaimStorage {
  const area = options.storage ?? safely(() => localStorage) ?? NO_STORAGE;
  const prefix = `${options.key}:`;

  /** The claim id a storage key names, when it is one of ours. */
  function idOf(storageKey: string | null | undefined): string | undefined {
    if (!storageKey?.startsWith(prefix)) return undefined;
    const id = storageKey.slice(prefix.length);
    return CLAIM_ID.test(id) ? id : undefined;
  }

  function remove(id: string): void {
    safely(() => area.removeItem(prefix + id));
  }

  /** Writes to storage; whether storage took it. */
  function save(record: ClaimRecord): boolean {
    const saved = safely(() => {
      area.setItem(prefix + record.id, JSON.stringify(record));
      return true;
    });
    if (saved) unsaved.delete(prefix + record.id);
    return saved ?? false;
  }

  const claimStorage: ClaimStorage = {
    keyOf: (id) => prefix + id,

    stored: (id) => unsaved.get(prefix + id) ?? readRecord(id, safely(() => area.getItem(prefix + id))),

    read(id) {
      const record = claimStorage.stored(id);
      if (record === undefined) remove(id);
      return record ?? undefined;
    },

    list() {
      const keys: (string | null | undefined)[] = [...unsaved.keys()];
      const length = safely(() => area.length) ?? 0;
      for (let index = 0; index < length; index++) keys.push(safely(() => area.key(index)));
      const ids = new Set(keys.map(idOf).filter((id) => id !== undefined));
      return [...ids]
        .map(claimStorage.read)
        .filter((record) => record !== undefined)
        .sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
    },

    write(record) {
      if (!save(record)) {
        // Storage is full: the dedupe memory of finished claims goes before an open claim does.
        if (record.state != 'claimed') claimStorage.prune(0);
        if (!save(record)) unsaved.set(prefix + record.id, record);
      }
      const change = { storageArea: area, key: prefix + record.id, newValue: JSON.stringify(record) };
      for (const listener of documentListeners) if (listener.owner != claimStorage) listener.hear(change);
    },

    prune(keep) {
      const now = Date.now();
      const claimed = claimStorage.list().filter((record) => record.state == 'claimed');
      claimed.sort((a, b) => b.claimedAt - a.claimedAt);
      claimed.forEach((record, index) => {
        // Storage only: a record kept in memory stays.
        if (index >= keep || now - record.claimedAt > CLAIMED_RETENTION_MS) remove(record.id);
      });
    },

    watch(onChange) {
      const hear = (change: StorageChange) => {
        const id = change.storageArea == area ? idOf(change.key) : undefined;
        if (id) onChange(id, change.newValue);
      };
      const listener = { owner: claimStorage, hear };
      const onStorage = (event: StorageEvent) => hear(event);
      documentListeners.add(listener);
      globalThis.addEventListener?.('storage', onStorage);
      return () => {
        documentListeners.delete(listener);
        globalThis.removeEventListener?.('storage', onStorage);
      };
    },
  };
  return claimStorage;
}

/**
 * Runs `send` for the claim stored under `name` only when nobody else is sending it, and says
 * whether it ran. Queues of one document keep out of each other's way through a set of the
 * claims in flight; across tabs, the Web Lock `name` is taken with `ifAvailable` (so it never
 * waits), and a lock dies with its tab, so a claim left `submitting` by a closed tab is free
 * again. Without Web Locks (`locks: null`, an insecure context) or when they are refused (an
 * opaque origin, where storage is off too), this document's own exclusion is all there is. The
 * legacy bundle gives EdgeHTML 18 a `navigator.locks` that keeps a lease in `localStorage`
 * (src/legacy/shims.ts).
 */
export async function withClaimLock(
  name: string,
  locks: LockManager | null | undefined,
  send: () => Promise<void>,
): Promise<boolean> {
  if (sending.has(name)) return false;
  sending.add(name);
  try {
    if (!locks) {
      await send();
      return true;
    }
    let entered = false;
    try {
      return await locks.request(name, { ifAvailable: true }, async (lock) => {
        entered = true;
        // `null`: another tab holds it.
        if (!lock) return false;
        await send();
        return true;
      });
    } catch {
      // Web Locks refused: send without them (unless the failure came from inside the lock).
      if (!entered) await send();
      return true;
    }
  } finally {
    sending.delete(name);
  }
}
