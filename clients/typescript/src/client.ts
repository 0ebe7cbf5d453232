// The lean sync, as the contract describes it: a full catalogue the first time, then deltas
// (deletions first, then upserts), ETag revalidation, and a full sync again when the service
// says the token can no longer be used.
import { FootcareApiError } from "./errors.js";
import { type Entry, type Store, type SyncState, keyOf } from "./store.js";
import {
  type AnyItem,
  type CollectionName,
  type Deletion,
  FULL_SYNC_REQUIRED,
  type Language,
  type LeanSync,
  type Problem,
} from "./types.js";

/** The `fetch` the client calls: the platform's, or one a test or an app wraps. */
export type Fetch = (input: string, init: { headers: Record<string, string> }) => Promise<Response>;

export interface ClientOptions {
  /** Where the service is, e.g. `https://footcare.example.org`. */
  baseUrl: string;
  /** The content language; English by default. A store holds one language. */
  language?: Language;
  /** Defaults to the global `fetch`. */
  fetch?: Fetch;
  /** Sent with every request (e.g. a `User-Agent` naming the app). */
  headers?: Record<string, string>;
}

/** What one `sync` did. */
export interface SyncResult {
  /** `full`: the store was replaced; `delta`: changes applied; `unchanged`: 304, nothing to do. */
  kind: "full" | "delta" | "unchanged";
  /** True when a delta was refused (`full-sync-required`) and a full sync replaced the store. */
  fellBack: boolean;
  /** How many items were added or replaced, and how many deletions were applied. */
  upserted: number;
  deleted: number;
  /** The token the store now holds. */
  token: string;
}

export interface SyncOptions {
  /** Sync without a token even if the store has one (e.g. after a user's "reload"). */
  full?: boolean;
}

const SYNC_PATH = "/api/v1/sync/lean/";

export class FootcareClient {
  readonly baseUrl: string;
  readonly language: Language;
  private readonly fetchFn: Fetch;
  private readonly headers: Record<string, string>;
  // The sync under way for each store: a second call while one runs gets its result, rather
  // than applying a delta from the same token twice, interleaved.
  private readonly running = new WeakMap<Store, Promise<SyncResult>>();

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.language = options.language ?? "en";
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.headers = { ...options.headers };
  }

  /** The same client in another language (for that language's store). */
  withLanguage(language: Language): FootcareClient {
    return new FootcareClient({
      baseUrl: this.baseUrl,
      language,
      fetch: this.fetchFn,
      headers: this.headers,
    });
  }

  /**
   * Bring `store` up to date: a full sync when it has no token (or holds another language),
   * else a delta. A delta refused as `full-sync-required` becomes a full sync, which replaces
   * the store's content. Other failures throw `FootcareApiError` and leave the store as it was
   * (as far as the store's `transaction` makes it so). A call while this client syncs the same
   * store returns that sync's result.
   */
  sync(store: Store, options: SyncOptions = {}): Promise<SyncResult> {
    const running = this.running.get(store);
    if (running !== undefined) return running;
    const started = this.syncOnce(store, options).finally(() => this.running.delete(store));
    this.running.set(store, started);
    return started;
  }

  private async syncOnce(store: Store, options: SyncOptions): Promise<SyncResult> {
    const state = await store.state();
    const usable = state !== undefined && state.language === this.language && !options.full;
    if (!usable) {
      // The same language's last full answer may be revalidated: a reload that finds nothing
      // new costs a 304.
      return this.fullSync(store, false, state?.language === this.language ? state : undefined);
    }
    const answer = await this.request(state.token, state);
    if (answer.kind === "unchanged") {
      return { kind: "unchanged", fellBack: false, upserted: 0, deleted: 0, token: state.token };
    }
    if (answer.kind === "full-sync-required") return this.fullSync(store, true);
    const { body, etag } = answer;
    const next: SyncState = {
      language: this.language,
      token: body.next_token,
      etag,
      etagToken: state.token,
    };
    if (body.full) return this.replace(store, body, next, false);
    return atomically(store, async () => {
      const deleted = await applyDeletions(store, body.deletions);
      const upserted = await putAll(store, body);
      await store.setState(next);
      return { kind: "delta", fellBack: false, upserted, deleted, token: body.next_token };
    });
  }

  private async fullSync(
    store: Store,
    fellBack: boolean,
    state?: SyncState,
  ): Promise<SyncResult> {
    const answer = await this.request(null, state);
    if (answer.kind === "unchanged" && state !== undefined) {
      return { kind: "unchanged", fellBack, upserted: 0, deleted: 0, token: state.token };
    }
    if (answer.kind !== "answer") {
      // A request without a token is never refused, and a 304 needs the store's ETag.
      throw new Error(`unexpected ${answer.kind} answer to a full sync`);
    }
    const next: SyncState = {
      language: this.language,
      token: answer.body.next_token,
      etag: answer.etag,
      etagToken: null,
    };
    return this.replace(store, answer.body, next, fellBack);
  }

  private replace(
    store: Store,
    body: LeanSync,
    next: SyncState,
    fellBack: boolean,
  ): Promise<SyncResult> {
    return atomically(store, async () => {
      await store.clear();
      const upserted = await putAll(store, body);
      await store.setState(next);
      return { kind: "full", fellBack, upserted, deleted: 0, token: body.next_token };
    });
  }

  private async request(
    token: string | null,
    state: SyncState | undefined,
  ): Promise<
    | { kind: "answer"; body: LeanSync; etag: string | undefined }
    | { kind: "unchanged" }
    | { kind: "full-sync-required" }
  > {
    const query = new URLSearchParams({ lang: this.language });
    if (token !== null) query.set("token", token);
    const url = `${this.baseUrl}${SYNC_PATH}?${query.toString()}`;
    // The language goes in the query (`lang`), which overrides any `Accept-Language`.
    const headers: Record<string, string> = { Accept: "application/json", ...this.headers };
    // An ETag validates the answer to one request: send it only for the same token.
    if (state?.etag !== undefined && state.etagToken === token) {
      headers["If-None-Match"] = state.etag;
    }
    const response = await this.fetchFn(url, { headers });
    if (response.status === 304) return { kind: "unchanged" };
    if (response.status === 200) {
      const body = (await response.json()) as LeanSync;
      return { kind: "answer", body, etag: response.headers.get("ETag") ?? undefined };
    }
    const problem = await readProblem(response);
    if (response.status === 400 && token !== null && problem?.type === FULL_SYNC_REQUIRED) {
      return { kind: "full-sync-required" };
    }
    throw new FootcareApiError(response.status, problem, url);
  }
}

async function readProblem(response: Response): Promise<Problem | undefined> {
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.includes("json")) return undefined;
  try {
    return (await response.json()) as Problem;
  } catch {
    return undefined;
  }
}

function atomically<T>(store: Store, work: () => Promise<T>): Promise<T> {
  return store.transaction === undefined ? work() : store.transaction(work);
}

/** Every collection of the answer, known to this client's types or not. */
function collectionsOf(body: LeanSync): [CollectionName, AnyItem[]][] {
  return Object.entries(body.upserts) as [CollectionName, AnyItem[]][];
}

async function putAll(store: Store, body: LeanSync): Promise<number> {
  let count = 0;
  for (const [collection, items] of collectionsOf(body)) {
    const entries: Entry[] = items.map((item) => ({ key: keyOf(item), item }));
    await store.put(collection, entries);
    count += entries.length;
  }
  return count;
}

/**
 * Remove what the deletions name, before any upsert: by `id`, or by slug (a foot map's view)
 * for items without an id and for deletions recorded before items had ids.
 */
async function applyDeletions(store: Store, deletions: readonly Deletion[]): Promise<number> {
  const keys = new Map<CollectionName, Set<string>>();
  for (const deletion of deletions) {
    const collection = deletion.collection as CollectionName;
    const found = keys.get(collection) ?? new Set<string>();
    keys.set(collection, found);
    if (deletion.id !== null) {
      found.add(deletion.id);
      continue;
    }
    const direct = await store.get(collection, deletion.slug);
    if (direct !== undefined) {
      found.add(deletion.slug);
      continue;
    }
    for (const item of await store.all(collection)) {
      const fields = item as Record<string, unknown>;
      if (fields["slug"] === deletion.slug || fields["view"] === deletion.slug) {
        found.add(keyOf(item));
      }
    }
  }
  for (const [collection, found] of keys) await store.delete(collection, [...found]);
  return deletions.length;
}
