// The service in a process of its own, for the client's tests: a fresh SQLite database in a
// temporary folder, migrated and loaded with the content pack, served by `manage.py runserver`
// on a free port until `stop()`. Edits between syncs go through `manage.py shell` on the same
// database, as an editor's would through the admin.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
// Compiled to build/test/server.js: the package is two folders up, the repository two more.
const PACKAGE = fileURLToPath(new URL("../../", import.meta.url));
const ROOT = resolve(PACKAGE, "../..");

function python(): string {
  const chosen = process.env["FOOTCARE_PYTHON"] ?? join(ROOT, ".venv", "bin", "python");
  if (!existsSync(chosen)) {
    throw new Error(`no Python at ${chosen}: run \`make install\` or set FOOTCARE_PYTHON`);
  }
  return chosen;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address !== null
          ? done(address.port)
          : fail(new Error("no port")),
      );
    });
  });
}

export class LiveServer {
  private constructor(
    readonly baseUrl: string,
    private readonly folder: string,
    private readonly environment: NodeJS.ProcessEnv,
    private readonly process: ChildProcess,
  ) {}

  static async start(): Promise<LiveServer> {
    const folder = await mkdtemp(join(tmpdir(), "footcare-client-"));
    const environment: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: `sqlite:///${join(folder, "db.sqlite3")}`,
      DJANGO_DEBUG: "1",
      PYTHONUNBUFFERED: "1",
    };
    // The service's own settings choose the cache; a shared Redis would mix runs.
    delete environment["REDIS_URL"];
    delete environment["DJANGO_SETTINGS_MODULE"];
    const manage = (...args: string[]) =>
      run(python(), ["manage.py", ...args], { cwd: ROOT, env: environment, maxBuffer: 1 << 24 });
    await manage("migrate", "--noinput", "-v0");
    await manage("load_content");
    const port = await freePort();
    const child = spawn(
      python(),
      ["manage.py", "runserver", "--noreload", `127.0.0.1:${port}`],
      { cwd: ROOT, env: environment, stdio: ["ignore", "ignore", "pipe"] },
    );
    let errors = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      errors = (errors + chunk.toString()).slice(-4000);
    });
    const server = new LiveServer(`http://127.0.0.1:${port}`, folder, environment, child);
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const response = await fetch(`${server.baseUrl}/api/v1/`);
        if (response.ok) return server;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline || child.exitCode !== null) {
        await server.stop();
        throw new Error(`the test server did not start:\n${errors}`);
      }
      await new Promise((done) => setTimeout(done, 250));
    }
  }

  /** Run Python in `manage.py shell` against the server's database; returns what it prints. */
  async shell(code: string): Promise<string> {
    const { stdout } = await run(python(), ["manage.py", "shell", "-c", code], {
      cwd: ROOT,
      env: this.environment,
    });
    return stdout;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((done) => this.process.once("exit", done));
      this.process.kill("SIGTERM");
      await exited;
    }
    await rm(this.folder, { recursive: true, force: true });
  }
}
