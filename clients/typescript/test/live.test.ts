// The client against the service itself: a live server on a fresh database (test/server.ts),
// synced in English and Russian, edited between syncs, its journal compacted.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import {
  FootcareClient,
  type Fetch,
  type Language,
  MemoryStore,
  type RoutineDetail,
  checkReferences,
  sessionCues,
  sessionSteps,
} from "../src/index.js";
import { LiveServer } from "./server.js";

const LANGUAGES: Language[] = ["en", "ru"];

interface Seen {
  url: string;
  status: number;
  ifNoneMatch: string | undefined;
}

describe("the client against a live server", () => {
  let server: LiveServer;
  let seen: Seen[];
  const stores = new Map<Language, MemoryStore>();

  // Every request the clients make, with its answer's status.
  const recording: Fetch = async (url, init) => {
    const response = await fetch(url, init);
    seen.push({ url, status: response.status, ifNoneMatch: init.headers["If-None-Match"] });
    return response;
  };
  const client = (language: Language) =>
    new FootcareClient({ baseUrl: server.baseUrl, language, fetch: recording });

  /** A fresh full sync in `language`: what a delta-synced store must equal. */
  async function fresh(language: Language): Promise<MemoryStore> {
    const store = new MemoryStore();
    await client(language).sync(store);
    return store;
  }

  async function assertWhole(store: MemoryStore): Promise<void> {
    const report = await checkReferences(store);
    assert.deepEqual(report.dangling, []);
    assert.deepEqual(report.unrecognised, []);
    assert.ok(report.checked > 500, `only ${report.checked} references checked`);
  }

  before(async () => {
    seen = [];
    server = await LiveServer.start();
  });

  after(async () => {
    await server?.stop();
  });

  test("a full sync in each language fills its store, and every reference resolves", async (t) => {
    for (const language of LANGUAGES) {
      const store = new MemoryStore();
      const result = await client(language).sync(store);
      assert.equal(result.kind, "full");
      assert.equal(result.fellBack, false);
      const counts = store.counts();
      for (const name of ["zones", "body_parts", "foot_maps", "techniques", "routines", "safety"]) {
        assert.ok((counts[name] ?? 0) > 0, `no ${name} in the ${language} store`);
      }
      assert.equal(result.upserted, Object.values(counts).reduce((a, b) => a + b, 0));
      await assertWhole(store);
      const report = await checkReferences(store);
      t.diagnostic(
        `${language}: ${result.upserted} items, ${report.checked} references in ` +
          `${report.relations.length} kinds, ${report.dangling.length} dangling`,
      );
      for (const relation of [
        "zones.body_parts → body_parts",
        "zones.overlaps → zones",
        "routines.steps[].technique → techniques",
        "routines.steps[].zones → zones",
        "routines.steps[].area → areas",
        "routines.contraindications → contraindications",
        "safety.conditions → contraindications",
      ]) {
        assert.ok(report.relations.includes(relation), `${relation} not checked`);
      }
      stores.set(language, store);
    }
    const [en, ru] = [stores.get("en"), stores.get("ru")];
    assert.ok(en && ru);
    // The same items, by the same keys, in two languages.
    const [enItems, ruItems] = [en.snapshot(), ru.snapshot()];
    assert.deepEqual(Object.keys(ruItems), Object.keys(enItems));
    for (const name of Object.keys(enItems)) {
      assert.deepEqual(Object.keys(ruItems[name] ?? {}), Object.keys(enItems[name] ?? {}));
    }
    const zone = en.all("zones")[0];
    assert.ok(zone);
    assert.match(ru.get("zones", zone.id)?.name ?? "", /[а-яё]/i);
    assert.doesNotMatch(zone.name, /[а-яё]/i);
  });

  test("nothing changed: an empty delta, then a 304, and the store is as it was", async () => {
    for (const language of LANGUAGES) {
      const store = stores.get(language);
      assert.ok(store);
      const before = store.snapshot();
      const delta = await client(language).sync(store);
      assert.deepEqual([delta.kind, delta.upserted, delta.deleted], ["delta", 0, 0]);
      seen = [];
      const again = await client(language).sync(store);
      assert.equal(again.kind, "unchanged");
      assert.equal(seen.length, 1);
      assert.equal(seen[0]?.status, 304);
      assert.ok(seen[0]?.ifNoneMatch, "no If-None-Match sent");
      assert.deepEqual(store.snapshot(), before);
    }
  });

  async function syncAndCompare(): Promise<void> {
    for (const language of LANGUAGES) {
      const store = stores.get(language);
      assert.ok(store);
      const result = await client(language).sync(store);
      assert.equal(result.kind, "delta");
      assert.ok(result.upserted + result.deleted > 0, "the delta carried nothing");
      assert.deepEqual(store.snapshot(), (await fresh(language)).snapshot());
      await assertWhole(store);
    }
  }

  test("an editor's changes come through deltas, and each delta-synced store equals a full sync", async () => {
    const en = stores.get("en");
    assert.ok(en);
    const zone = en.all("zones").find((item) => item.slug === "pituitary");
    const routine = en.all("routines")[1];
    assert.ok(zone && routine);
    // Rename a zone, add a technique, withdraw a routine, edit a step.
    await server.shell(`
from zones.models import Zone
from routines.models import Routine, Step, Technique
zone = Zone.objects.get(slug="pituitary")
zone.slug, zone.name_en, zone.name_ru = "pituitary-gland", "Pituitary gland", "Гипофиз (железа)"
zone.save()
model = Technique.objects.first()
Technique.objects.create(slug="client-test-press", name_en="Client test press",
    name_ru="Проверочное нажатие", how_to_en="Press.", how_to_ru="Нажмите.",
    picture=model.picture, image_alt_en="A press.", image_alt_ru="Нажатие.")
Routine.objects.get(slug="${routine.slug}").withdraw()
step = Step.objects.filter(routine__status="published").exclude(routine__slug="${routine.slug}").first()
step.title_en, step.title_ru = "Edited step", "Изменённый шаг"
step.save()
`);
    await syncAndCompare();
    const renamed = en.get("zones", zone.id);
    assert.equal(renamed?.slug, "pituitary-gland");
    assert.equal(renamed?.name, "Pituitary gland");
    assert.equal(en.get("routines", routine.id), undefined);
    assert.ok(en.all("techniques").some((item) => item.slug === "client-test-press"));
    assert.ok(en.all("routines").some((item) => item.steps.some((s) => s.title === "Edited step")));

    // Delete that technique, a body part that zones name, and a tool (off its routines first).
    const part = en.all("body_parts").find((item) =>
      en.all("zones").some((z) => z.body_parts.includes(item.id)),
    );
    const tool = en.all("tools").find((item) =>
      en.all("routines").some((r) => r.tools.includes(item.id)),
    );
    assert.ok(part && tool);
    await server.shell(`
from zones.models import BodyPart
from routines.models import Technique, Tool
Technique.objects.get(slug="client-test-press").delete()
BodyPart.objects.get(slug="${part.slug}").delete()
tool = Tool.objects.get(slug="${tool.slug}")
for routine in tool.routines.all():
    routine.tools.remove(tool)
tool.delete()
`);
    await syncAndCompare();
    assert.ok(!en.all("techniques").some((item) => item.slug === "client-test-press"));
    assert.equal(en.get("body_parts", part.id), undefined);
    assert.equal(en.get("tools", tool.id), undefined);
  });

  test("a token the service no longer accepts falls back to a full sync", async () => {
    const en = stores.get("en");
    const ru = stores.get("ru");
    assert.ok(en && ru);
    // A tampered token.
    const state = en.state();
    assert.ok(state);
    en.setState({ ...state, token: `${state.token.split(":")[0]}:tampered` });
    const tampered = await client("en").sync(en);
    assert.deepEqual([tampered.kind, tampered.fellBack], ["full", true]);
    assert.deepEqual(en.snapshot(), (await fresh("en")).snapshot());

    // A journal compacted past the tokens both stores hold, after an edit they have not seen.
    await server.shell(`
from zones.models import Zone
zone = Zone.objects.get(slug="pituitary-gland")
zone.name_en = "Pituitary (compacted)"
zone.save()
`);
    await server.shell(`
from django.core.management import call_command
call_command("compact_journal", days=0)
`);
    for (const language of LANGUAGES) {
      const store = stores.get(language);
      assert.ok(store);
      seen = [];
      const result = await client(language).sync(store);
      assert.deepEqual([result.kind, result.fellBack], ["full", true]);
      assert.equal(seen[0]?.status, 400);
      assert.deepEqual(store.snapshot(), (await fresh(language)).snapshot());
      await assertWhole(store);
    }
    assert.ok(en.all("zones").some((item) => item.name === "Pituitary (compacted)"));
  });

  test("the player walks every routine to its announced duration, from the sync and the detail", async () => {
    for (const language of LANGUAGES) {
      const store = stores.get(language);
      assert.ok(store);
      const routines = store.all("routines");
      assert.ok(routines.length > 5);
      for (const routine of routines) {
        const steps = sessionSteps(routine);
        assert.equal(steps.length, routine.step_count);
        assert.equal(steps[0]?.startsAt, 0);
        steps.forEach((entry, index) => {
          assert.equal(entry.endsAt - entry.startsAt, entry.step.duration_seconds);
          if (index > 0) assert.equal(entry.startsAt, steps[index - 1]?.endsAt);
          assert.ok(["left", "right", "both"].includes(entry.side));
        });
        assert.equal(steps.at(-1)?.endsAt, routine.total_duration_seconds);
        const cues = sessionCues(routine);
        assert.deepEqual(
          cues.map((cue) => cue.at),
          [...cues.map((cue) => cue.at)].sort((a, b) => a - b),
        );
        assert.equal(cues.filter((cue) => cue.kind === "start").length, routine.step_count);
        assert.deepEqual(
          [cues.at(-1)?.kind, cues.at(-1)?.at],
          ["end", routine.total_duration_seconds],
        );
      }
      // The detail answer plays the same.
      const first = routines[0];
      assert.ok(first);
      const response = await fetch(
        `${server.baseUrl}/api/v1/routines/${first.slug}/?lang=${language}`,
      );
      const detail = (await response.json()) as RoutineDetail;
      const strip = (entries: ReturnType<typeof sessionSteps>) =>
        entries.map(({ position, side, startsAt, endsAt, cues }) => ({
          position,
          side,
          startsAt,
          endsAt,
          cues,
        }));
      assert.deepEqual(strip(sessionSteps(detail)), strip(sessionSteps(first)));
    }
  });

  test("the README's example runs against the service", async () => {
    const example = fileURLToPath(new URL("../generated/readme-example.js", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [example], {
      env: { ...process.env, FOOTCARE_URL: server.baseUrl },
      maxBuffer: 1 << 24,
    });
    assert.match(stdout, /^full \{/);
    assert.match(stdout, /at \d+ s: /);
  });
});
