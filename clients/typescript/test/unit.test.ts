// The client's rules, each against answers made up for it (an injected fetch): the order of
// deletions and upserts, ETags, the full-sync fallback, failures, languages, references, the
// player. The live tests (live.test.ts) check the same against the service.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  type Collections,
  FULL_SYNC_REQUIRED,
  FootcareApiError,
  FootcareClient,
  type Fetch,
  type LeanSync,
  MemoryStore,
  type PlayableRoutine,
  checkReferences,
  sessionCues,
  sessionSteps,
  stepAt,
} from "../src/index.js";

const ZONE = "00000000-0000-4000-8000-000000000001";
const OTHER_ZONE = "00000000-0000-4000-8000-000000000002";
const PART = "00000000-0000-4000-8000-000000000003";
const MISSING = "00000000-0000-4000-8000-0000000000ff";

type Upserts = { [C in keyof Collections]?: Record<string, unknown>[] } & Record<string, unknown[]>;

/** A sync answer with only the fields these tests read (the live tests read real ones). */
function answer(
  full: boolean,
  token: string,
  upserts: Upserts,
  deletions: { collection: string; id: string | null; slug: string }[] = [],
): LeanSync {
  return {
    full,
    next_token: token,
    upserts,
    deletions: deletions.map((d) => ({ resource: d.collection.replace(/s$/, ""), ...d })),
  } as unknown as LeanSync;
}

interface Call {
  url: URL;
  headers: Record<string, string>;
}

/** A fetch that answers from a list, in order, and records what it was asked. */
function scripted(...responses: (() => Response)[]): { fetch: Fetch; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url: new URL(url), headers: init.headers });
      const next = responses.shift();
      if (next === undefined) throw new Error(`unexpected request ${url}`);
      return next();
    },
  };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
const problem = (type: string, status = 400) => () =>
  new Response(JSON.stringify({ type, title: "Problem", status, detail: "No." }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
const notModified = () => new Response(null, { status: 304 });

const FULL = answer(true, "1:a", {
  zones: [
    { id: ZONE, slug: "heel", name: "Heel", body_parts: [PART] },
    { id: OTHER_ZONE, slug: "toe", name: "Toe", body_parts: [] },
  ],
  body_parts: [{ id: PART, slug: "spine", name: "Spine" }],
  foot_maps: [{ view: "plantar", outline: [] }],
  safety: [{ slug: "safety", title: "Safety", conditions: [] }],
});

function client(fetch: Fetch, language: "en" | "ru" = "en") {
  return new FootcareClient({ baseUrl: "http://footcare.test/", language, fetch });
}

async function synced(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await client(scripted(json(FULL, 200, { ETag: '"full"' })).fetch).sync(store);
  return store;
}

describe("sync", () => {
  test("the first sync is a full one, in the client's language, stored by id", async () => {
    const { fetch, calls } = scripted(json(FULL));
    const store = new MemoryStore();
    const result = await client(fetch, "ru").sync(store);
    assert.deepEqual([result.kind, result.upserted, result.token], ["full", 5, "1:a"]);
    assert.equal(calls[0]?.url.pathname, "/api/v1/sync/lean/");
    assert.equal(calls[0]?.url.searchParams.get("lang"), "ru");
    assert.equal(calls[0]?.url.searchParams.has("token"), false);
    assert.equal(store.get("zones", ZONE)?.slug, "heel");
    assert.ok(store.get("foot_maps", "plantar"));
    assert.ok(store.get("safety", "safety"));
    assert.equal(store.state()?.token, "1:a");
  });

  test("a delta applies deletions before upserts", async () => {
    const store = await synced();
    // The same id deleted and sent again: applied the other way round, it would be lost.
    const delta = answer(
      false,
      "2:b",
      { zones: [{ id: ZONE, slug: "heel-2", name: "Heel 2", body_parts: [] }] },
      [
        { collection: "zones", id: ZONE, slug: "heel" },
        { collection: "zones", id: OTHER_ZONE, slug: "toe" },
      ],
    );
    const { fetch, calls } = scripted(json(delta));
    const result = await client(fetch).sync(store);
    assert.deepEqual([result.kind, result.upserted, result.deleted], ["delta", 1, 2]);
    assert.equal(calls[0]?.url.searchParams.get("token"), "1:a");
    assert.equal(store.get("zones", ZONE)?.slug, "heel-2");
    assert.equal(store.get("zones", OTHER_ZONE), undefined);
    assert.equal(store.get("body_parts", PART)?.slug, "spine");
    assert.equal(store.state()?.token, "2:b");
  });

  test("deletions without an id remove by slug, and foot maps by view", async () => {
    const store = await synced();
    const delta = answer(false, "2:b", {}, [
      { collection: "zones", id: null, slug: "toe" },
      { collection: "foot_maps", id: null, slug: "plantar" },
      { collection: "safety", id: null, slug: "safety" },
    ]);
    await client(scripted(json(delta)).fetch).sync(store);
    assert.equal(store.get("zones", OTHER_ZONE), undefined);
    assert.ok(store.get("zones", ZONE));
    assert.deepEqual([store.all("foot_maps"), store.all("safety")], [[], []]);
  });

  test("the ETag goes back only with the request it answered; a 304 changes nothing", async () => {
    const store = await synced();
    const empty = answer(false, "1:a", {});
    const { fetch, calls } = scripted(json(empty, 200, { ETag: 'W/"e1"' }), notModified);
    // The full sync's ETag is not sent with the delta, a different request.
    assert.equal((await client(fetch).sync(store)).kind, "delta");
    assert.equal(calls[0]?.headers["If-None-Match"], undefined);
    const before = store.snapshot();
    const again = await client(fetch).sync(store);
    assert.deepEqual([again.kind, again.token], ["unchanged", "1:a"]);
    assert.equal(calls[1]?.headers["If-None-Match"], 'W/"e1"');
    assert.deepEqual(store.snapshot(), before);
  });

  test("a full sync asked for again revalidates the last full answer's ETag", async () => {
    const store = await synced();
    const before = store.snapshot();
    const { fetch, calls } = scripted(notModified);
    const result = await client(fetch).sync(store, { full: true });
    assert.deepEqual([result.kind, result.token], ["unchanged", "1:a"]);
    assert.equal(calls[0]?.url.searchParams.has("token"), false);
    assert.equal(calls[0]?.headers["If-None-Match"], '"full"');
    assert.deepEqual(store.snapshot(), before);
  });

  test("full-sync-required: a full sync replaces the store's content", async () => {
    const store = await synced();
    const replacement = answer(true, "9:z", {
      zones: [{ id: OTHER_ZONE, slug: "toe", name: "Toe", body_parts: [] }],
      body_parts: [],
    });
    const { fetch, calls } = scripted(problem(FULL_SYNC_REQUIRED), json(replacement));
    const result = await client(fetch).sync(store);
    assert.deepEqual([result.kind, result.fellBack, result.token], ["full", true, "9:z"]);
    assert.equal(calls[0]?.url.searchParams.get("token"), "1:a");
    assert.equal(calls[1]?.url.searchParams.has("token"), false);
    assert.deepEqual(store.collections().sort(), ["body_parts", "zones"]);
    assert.deepEqual(Object.keys(store.snapshot()["zones"] ?? {}), [OTHER_ZONE]);
  });

  test("another 400, or a failure, throws and leaves the store as it was", async () => {
    for (const failing of [problem("urn:footcare:problem:validation-error"), problem("about:blank", 503)]) {
      const store = await synced();
      const before = store.snapshot();
      const state = store.state();
      await assert.rejects(client(scripted(failing).fetch).sync(store), FootcareApiError);
      assert.deepEqual([store.snapshot(), store.state()], [before, state]);
    }
  });

  test("a store that fails half-way through a delta is rolled back", async () => {
    const store = await synced();
    const before = store.snapshot();
    const delta = answer(false, "2:b", { zones: [{ name: "no key" }] }, [
      { collection: "zones", id: ZONE, slug: "heel" },
    ]);
    await assert.rejects(client(scripted(json(delta)).fetch).sync(store), TypeError);
    assert.deepEqual(store.snapshot(), before);
    assert.equal(store.state()?.token, "1:a");
  });

  test("a store synced in another language gets a full sync in the new one", async () => {
    const store = await synced();
    const { fetch, calls } = scripted(json(answer(true, "1:a", { zones: [] })));
    const result = await client(fetch, "ru").sync(store);
    assert.equal(result.kind, "full");
    assert.equal(calls[0]?.url.searchParams.has("token"), false);
    assert.equal(store.state()?.language, "ru");
    assert.deepEqual(store.all("zones"), []);
  });

  test("two syncs of one store at once make one request", async () => {
    const store = await synced();
    const { fetch, calls } = scripted(json(answer(false, "2:b", {})));
    const syncing = client(fetch);
    const [first, second] = await Promise.all([syncing.sync(store), syncing.sync(store)]);
    assert.equal(calls.length, 1);
    assert.equal(first, second);
  });

  test("collections the client's types do not know yet are stored and checked", async () => {
    const store = new MemoryStore();
    const widget = "00000000-0000-4000-8000-00000000000a";
    const full = answer(true, "1:a", {
      zones: [{ id: ZONE, slug: "heel", widget: MISSING, gadgets: [widget] }],
      gadgets: [{ id: widget, slug: "g" }],
      widgets: [],
    });
    await client(scripted(json(full)).fetch).sync(store);
    assert.deepEqual(store.collections().sort(), ["gadgets", "widgets", "zones"]);
    const report = await checkReferences(store);
    assert.deepEqual(report.relations, ["zones.gadgets → gadgets", "zones.widget → widgets"]);
    assert.deepEqual(
      report.dangling.map((d) => [d.path, d.target, d.id]),
      [["widget", "widgets", MISSING]],
    );
  });
});

describe("checkReferences", () => {
  test("lists every reference that names no item, with where it is", async () => {
    const store = new MemoryStore();
    const full = answer(true, "1:a", {
      zones: [{ id: ZONE, slug: "heel", body_parts: [PART, MISSING], overlaps: [MISSING] }],
      body_parts: [{ id: PART, slug: "spine" }],
      techniques: [],
      areas: [],
      routines: [
        {
          id: OTHER_ZONE,
          slug: "r",
          steps: [{ id: "00000000-0000-4000-8000-0000000000aa", technique: MISSING, zones: [ZONE], area: null }],
          note: "not a reference: 00000000-0000-4000-8000-0000000000bb",
          stray: MISSING,
        },
      ],
    });
    await client(scripted(json(full)).fetch).sync(store);
    const report = await checkReferences(store);
    assert.deepEqual(
      report.dangling.map((d) => `${d.collection}/${d.key} ${d.path} → ${d.target}`),
      [
        `zones/${ZONE} body_parts[1] → body_parts`,
        `zones/${ZONE} overlaps[0] → zones`,
        `routines/${OTHER_ZONE} steps[0].technique → techniques`,
      ],
    );
    assert.equal(report.checked, 5);
    assert.deepEqual(report.unrecognised, ["routines.stray"]);
  });
});

describe("the player", () => {
  const cue = (at: number, kind: "start" | "repeat" | "switch_foot" | "end", text = kind) => ({
    at_seconds: at,
    kind,
    text,
  });
  // Steps listed out of order: the timeline decides the order, not the list.
  const routine: PlayableRoutine = {
    total_duration_seconds: 90,
    steps: [
      { position: 2, side: "left", duration_seconds: 60, cues: [cue(0, "switch_foot"), cue(0, "start"), cue(30, "repeat"), cue(60, "end")] },
      { position: 1, side: "right", duration_seconds: 30, cues: [cue(0, "start")] },
    ],
    timeline: {
      total_seconds: 90,
      steps: [
        { position: 1, starts_at_seconds: 0, ends_at_seconds: 30 },
        { position: 2, starts_at_seconds: 30, ends_at_seconds: 90 },
      ],
    },
  };

  test("walks the timeline in order, with sides and the cues' session times", () => {
    const steps = sessionSteps(routine);
    assert.deepEqual(
      steps.map((s) => [s.position, s.side, s.startsAt, s.endsAt]),
      [
        [1, "right", 0, 30],
        [2, "left", 30, 90],
      ],
    );
    assert.deepEqual(
      sessionCues(routine).map((c) => [c.at, c.kind]),
      [
        [0, "start"],
        [30, "switch_foot"],
        [30, "start"],
        [60, "repeat"],
        [90, "end"],
      ],
    );
  });

  test("finds the step playing at a moment", () => {
    assert.deepEqual(
      [0, 29, 30, 89].map((t) => [stepAt(routine, t)?.entry.position, stepAt(routine, t)?.intoStep]),
      [
        [1, 0],
        [1, 29],
        [2, 0],
        [2, 59],
      ],
    );
    assert.equal(stepAt(routine, 90), undefined);
  });

  test("refuses a timeline that names a step the routine lacks", () => {
    const broken = { ...routine, steps: routine.steps.slice(0, 1) };
    assert.throws(() => sessionSteps(broken), /names step 1/);
  });
});
