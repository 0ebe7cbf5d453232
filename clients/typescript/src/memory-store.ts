// A Store in memory: for tests, and for apps that persist the state themselves.
import type { Entry, Store, SyncState } from "./store.js";
import type { CollectionName, Item } from "./types.js";

export class MemoryStore implements Store {
  private items = new Map<string, Map<string, unknown>>();
  private syncState: SyncState | undefined;

  get<C extends CollectionName>(collection: C, key: string): Item<C> | undefined {
    return this.items.get(collection)?.get(key) as Item<C> | undefined;
  }

  all<C extends CollectionName>(collection: C): Item<C>[] {
    return [...(this.items.get(collection)?.values() ?? [])] as Item<C>[];
  }

  put<C extends CollectionName>(collection: C, entries: readonly Entry<C>[]): void {
    let kept = this.items.get(collection);
    if (kept === undefined) {
      kept = new Map();
      this.items.set(collection, kept);
    }
    for (const { key, item } of entries) kept.set(key, item);
  }

  delete(collection: CollectionName, keys: readonly string[]): void {
    const kept = this.items.get(collection);
    for (const key of keys) kept?.delete(key);
  }

  collections(): CollectionName[] {
    return [...this.items.keys()] as CollectionName[];
  }

  clear(): void {
    this.items.clear();
  }

  state(): SyncState | undefined {
    return this.syncState;
  }

  setState(state: SyncState): void {
    this.syncState = { ...state };
  }

  /** All or nothing: on a failure the items and the state are put back as they were. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    // Items are replaced, never changed in place, so copying the maps is a full snapshot.
    const items = new Map([...this.items].map(([name, kept]) => [name, new Map(kept)]));
    const state = this.syncState;
    try {
      return await work();
    } catch (error) {
      this.items = items;
      this.syncState = state;
      throw error;
    }
  }

  /**
   * The content as plain data, each collection's items sorted by key: two stores with the
   * same content give equal snapshots (`assert.deepStrictEqual`).
   */
  snapshot(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const name of [...this.items.keys()].sort()) {
      const kept = this.items.get(name) ?? new Map<string, unknown>();
      out[name] = Object.fromEntries([...kept].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return out;
  }

  /** How many items each collection holds. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.items].map(([name, kept]) => [name, kept.size]));
  }
}
