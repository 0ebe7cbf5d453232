// What the client needs of the app's storage: items per collection by key, and the sync's
// own state. An app implements it over SQLite, IndexedDB, MMKV…; MemoryStore is one in memory.
import type { AnyItem, CollectionName, Item, Language } from "./types.js";

/** A value, or a promise of it: a store may be synchronous or not. */
export type Awaitable<T> = T | Promise<T>;

/** An item with the key the store keeps it under (see `keyOf`). */
export interface Entry<C extends CollectionName = CollectionName> {
  key: string;
  item: Item<C>;
}

/** What the client remembers between syncs, in the store beside the items. */
export interface SyncState {
  /** The language the store's items are in. One store holds one language. */
  language: Language;
  /** The `next_token` of the last sync: the next one asks for what changed since. */
  token: string;
  /** The ETag of the last answer, sent back in `If-None-Match` when the same request is made. */
  etag?: string | undefined;
  /** The token that answer was asked with (`null`: a full sync); the ETag is that request's. */
  etagToken?: string | null | undefined;
}

/**
 * The app's storage for one language. The client calls it only from `sync`; every method may
 * return a promise. Collection names come from the answer, so a collection the service adds
 * later is stored without a change of the client (its name is then outside `CollectionName`).
 */
export interface Store {
  /** The item of `collection` kept under `key`, if any. */
  get<C extends CollectionName>(collection: C, key: string): Awaitable<Item<C> | undefined>;
  /** Every item of `collection` (any order). */
  all<C extends CollectionName>(collection: C): Awaitable<Item<C>[]>;
  /** Add or replace these items; records the collection even when `entries` is empty. */
  put<C extends CollectionName>(collection: C, entries: readonly Entry<C>[]): Awaitable<void>;
  /** Remove the items kept under these keys (keys not there are ignored). */
  delete(collection: CollectionName, keys: readonly string[]): Awaitable<void>;
  /** The names of the collections the store holds, empty ones included. */
  collections(): Awaitable<CollectionName[]>;
  /** Remove every item and every collection (not the state). */
  clear(): Awaitable<void>;
  /** The sync state, or `undefined` before the first sync. */
  state(): Awaitable<SyncState | undefined>;
  setState(state: SyncState): Awaitable<void>;
  /**
   * Optional: run `work` so that either all its writes happen or none (a database
   * transaction). Without it a sync that fails half-way leaves a partial copy, which the next
   * sync repairs only if it is a full one.
   */
  transaction?<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The key an item is stored under: its `id` (a UUID no rename changes), or for items without
 * one its `slug` (the safety screen) or `view` (foot-map outlines). Deletions name the same.
 */
export function keyOf(item: AnyItem | Record<string, unknown>): string {
  const fields = item as Record<string, unknown>;
  for (const field of ["id", "slug", "view"] as const) {
    const value = fields[field];
    if (typeof value === "string" && value !== "") return value;
  }
  throw new TypeError("a synced item without id, slug or view");
}
