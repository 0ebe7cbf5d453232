// Runs the compiled tests (build/test/*.test.js) with node's test runner and fails unless
// every test ran and passed: a run that found no test, or skipped one, is a failure too.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const folder = join("build", "test");
const files = readdirSync(folder)
  .filter((name) => name.endsWith(".test.js"))
  .map((name) => join(folder, name));
if (files.length === 0) {
  console.error(`no test files in ${folder}: build them first (npm test)`);
  process.exit(1);
}
const results = join("build", "results.tap");
const run = spawnSync(
  process.execPath,
  [
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${results}`,
    ...files,
  ],
  { stdio: "inherit" },
);
const tap = readFileSync(results, "utf8");
const summary = Object.fromEntries(
  [...tap.matchAll(/^# (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)].map((match) => [
    match[1],
    Number(match[2]),
  ]),
);
const problems = [];
// A file that declares no test is reported as one test named after the file: not a test.
const named = [...tap.matchAll(/^\s*(?:not )?ok \d+ - (.*)$/gm)].map((match) => match[1]);
for (const file of files) {
  if (named.some((name) => name.endsWith(file))) problems.push(`${file} ran no test`);
}
if (run.status !== 0) problems.push(`node --test exited with ${run.status ?? run.signal}`);
if (!(summary.tests > 0)) problems.push("no test ran");
if (summary.pass !== summary.tests) problems.push(`${summary.pass} of ${summary.tests} passed`);
for (const kind of ["fail", "cancelled", "skipped", "todo"]) {
  if (summary[kind] !== 0) problems.push(`${summary[kind]} ${kind}`);
}
if (problems.length > 0) {
  console.error(`client tests FAILED: ${problems.join("; ")}`);
  process.exit(1);
}
console.log(`client tests: ${summary.tests} passed (${files.length} files)`);
