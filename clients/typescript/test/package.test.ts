// The package as an app gets it: packed (`npm pack`), installed into an empty app from the
// tarball, imported as `@footcare/client` by strict TypeScript, compiled and run.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const PACKAGE = fileURLToPath(new URL("../../", import.meta.url));
const TSC = join(PACKAGE, "node_modules", "typescript", "bin", "tsc");
const folders: string[] = [];

after(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

const APP = `
import { FootcareClient, MemoryStore, checkReferences, type Item, type Store } from "@footcare/client";

const store: Store = new MemoryStore();
const full = { full: true, next_token: "1:a", deletions: [], upserts: {
  zones: [{ id: "00000000-0000-4000-8000-000000000001", slug: "heel", body_parts: [] }] } };
const client = new FootcareClient({
  baseUrl: "http://footcare.test",
  fetch: async () => new Response(JSON.stringify(full), { status: 200 }),
});
const result = await client.sync(store);
const zone: Item<"zones"> | undefined = await store.get("zones", "00000000-0000-4000-8000-000000000001");
const report = await checkReferences(store);
console.log(JSON.stringify([result.kind, zone?.slug, report.dangling.length]));
`;

for (const resolution of ["NodeNext", "Bundler"] as const) {
  test(`an app installs the packed package and imports it (moduleResolution ${resolution})`, async () => {
    const app = await mkdtemp(join(tmpdir(), "footcare-app-"));
    folders.push(app);
    await run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", app], {
      cwd: PACKAGE,
    });
    const [tarball] = (await readdir(app)).filter((name) => name.endsWith(".tgz"));
    assert.ok(tarball, "npm pack made no tarball");
    await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", type: "module" }));
    await run("npm", ["install", "--offline", "--no-audit", "--no-fund", `./${tarball}`], {
      cwd: app,
    });
    await writeFile(join(app, "app.ts"), APP);
    const options = {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      target: "ES2022",
      module: resolution === "NodeNext" ? "NodeNext" : "ESNext",
      moduleResolution: resolution,
      lib: ["ES2022", "DOM"],
      types: [],
      skipLibCheck: false,
    };
    await writeFile(
      join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions: options, files: ["app.ts"] }),
    );
    await run(process.execPath, [TSC, "--project", "tsconfig.json"], { cwd: app });
    const { stdout } = await run(process.execPath, ["app.js"], { cwd: app });
    assert.deepEqual(JSON.parse(stdout), ["full", "heel", 0]);
  });
}
