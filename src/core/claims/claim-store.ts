/**
 * Claim records in a `Storage` area, one key per claim (`<namespace>:<id>`). One key per claim
 * (not one JSON blob for all) means two tabs writing different claims never overwrite each
 * other, and a `storage` event names exactly the claim that changed.
 */
import { readClaimRecord, type ClaimRecord } from './claim-record.js';

/** How long a claimed record (the dedupe memory of a finished claim) is kept. */
export const CLAIMED_RETENTION_MS = 365 * 24 * 60 * 60 * 1000;
/** How many claimed records are kept at most (the most recently updated win). */
export const CLAIMED_MAX = 200;

/** The part of `Storage` the queue uses. */
export type StorageArea = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const ID = /^[0-9a-f]{16}$/;

/** Claim records of one namespace. Nothing here throws: storage errors are absorbed. */
export interface ClaimStore {
  /** The record of `id`, if there is a readable one. */
  read(id: string): ClaimRecord | undefined;
  /** Every readable record, oldest first; unreadable ones are removed on the way. */
  list(): ClaimRecord[];
  /** Writes a record. If storage refuses (quota, privacy mode), keeps it in memory instead. */
  write(record: ClaimRecord): void;
  /** The claim id a storage key belongs to, or `undefined` when the key is not ours. */
  idOf(key: string | null): string | undefined;
  /** Reads a record from a `storage` event's `newValue` (`undefined` when removed or unreadable). */
  parse(id: string, text: string | null): ClaimRecord | undefined;
  /** Removes claimed records older than {@link CLAIMED_RETENTION_MS} and beyond {@link CLAIMED_MAX}. */
  prune(now: number): void;
}

/** Opens the records of `namespace` in `storage`. */
export function createClaimStore(storage: StorageArea, namespace: string): ClaimStore {
  const prefix = `${namespace}:`;
  /** Records storage refused to take; they win over what storage holds. */
  const unsaved = new Map<string, ClaimRecord>();

  function idOf(key: string | null): string | undefined {
    if (key === null || !key.startsWith(prefix)) return undefined;
    const id = key.slice(prefix.length);
    return ID.test(id) ? id : undefined;
  }

  function load(id: string): ClaimRecord | undefined {
    const kept = unsaved.get(id);
    if (kept) return kept;
    const reading = readClaimRecord(id, attempt(() => storage.getItem(prefix + id)) ?? null);
    if (reading.kind === 'unreadable') attempt(() => storage.removeItem(prefix + id));
    return reading.kind === 'record' ? reading.record : undefined;
  }

  function ids(): string[] {
    const found = new Set(unsaved.keys());
    const length = attempt(() => storage.length) ?? 0;
    for (let i = 0; i < length; i++) {
      const id = idOf(attempt(() => storage.key(i)) ?? null);
      if (id) found.add(id);
    }
    return [...found];
  }

  function list(): ClaimRecord[] {
    return ids()
      .map(load)
      .filter((record): record is ClaimRecord => record !== undefined)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  function save(record: ClaimRecord): boolean {
    const saved = attempt(() => {
      storage.setItem(prefix + record.id, JSON.stringify(record));
      return true;
    });
    if (saved) unsaved.delete(record.id);
    return saved === true;
  }

  function remove(id: string) {
    unsaved.delete(id);
    attempt(() => storage.removeItem(prefix + id));
  }

  function prune(now: number) {
    const claimed = list()
      .filter((record) => record.state === 'claimed')
      .sort((a, b) => b.updatedAt - a.updatedAt);
    claimed.forEach((record, index) => {
      if (index >= CLAIMED_MAX || now - record.updatedAt > CLAIMED_RETENTION_MS) remove(record.id);
    });
  }

  return {
    read: load,
    list,
    write(record) {
      if (save(record)) return;
      // Storage is full: the dedupe memory of finished claims goes before an open claim does.
      if (record.state !== 'claimed') {
        for (const old of list()) if (old.state === 'claimed') remove(old.id);
        if (save(record)) return;
      }
      unsaved.set(record.id, record);
    },
    idOf,
    parse(id, text) {
      const reading = readClaimRecord(id, text);
      return reading.kind === 'record' ? reading.record : undefined;
    },
    prune,
  };
}

/**
 * `localStorage` when the page may use it, else an in-memory area (sandboxed frames, storage
 * disabled): claims then still go out, they just do not survive a reload.
 */
export function defaultStorageArea(): StorageArea {
  const local = attempt(() => globalThis.localStorage);
  return local ?? memoryStorageArea();
}

function memoryStorageArea(): StorageArea {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

function attempt<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}
