"""`make soak`: 32 clients for 60 s against gunicorn, with edits during the run and a worker
killed in the middle; prints requests, errors, stale reads and memory growth.

A script, not a test: it runs on 127.0.0.1 only and stops by itself. gunicorn runs as in
production (DJANGO_DEBUG=0, 2 sync workers, each with its own in-process cache, no Redis), on
a SQLite copy of the content. Every 3 s the editor renames a technique through the models, in
this process, as a script or `manage.py shell` would; a read is stale when it shows an older
name than one whose save had committed before the request was sent.
"""

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import environment as bench_environment  # noqa: E402

RESULTS = ROOT / "bench" / "results"
DATABASE = RESULTS / "soak.sqlite3"
HOST, PORT = "127.0.0.1", 8124
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "32"))
SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
EDIT_EVERY = 3.0
TECHNIQUE = "/api/v1/techniques/stroking/"
PATHS = [
    TECHNIQUE,
    "/api/v1/routines/",
    "/api/v1/routines/relaxing-full-foot-massage/",
    "/api/v1/zones/?limit=500",
    "/api/v1/foot-map/?foot=left&view=plantar",
]


def environment() -> dict[str, str]:
    """The benchmark's production-like settings, on the soak's own database."""
    return bench_environment(DATABASE, cache=True)


def prepare() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    for command in (["migrate", "--noinput"], ["load_content"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT, env=environment(), check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip


def rss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")
        )
    return total


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


class Editor(threading.Thread):
    """Renames the technique every few seconds; remembers when each name committed."""

    def __init__(self, deadline: float) -> None:
        super().__init__(daemon=True)
        self.deadline = deadline
        self.committed: list[tuple[float, int]] = []  # (time it committed, edit number)
        self.lock = threading.Lock()

    def run(self) -> None:
        from routines.models import Technique

        number = 0
        while time.monotonic() < self.deadline - EDIT_EVERY:
            time.sleep(EDIT_EVERY)
            number += 1
            technique = Technique.objects.get(slug="stroking")
            technique.name_en = f"Stroking, edit {number}"  # type: ignore[attr-defined]
            technique.save()  # autocommit: committed when save() returns
            with self.lock:
                self.committed.append((time.monotonic(), number))

    def newest_before(self, moment: float) -> int:
        with self.lock:
            return max((n for at, n in self.committed if at < moment), default=0)


def client(deadline: float, editor: Editor, tally: Counter, stale: list[str]) -> None:
    connection = http.client.HTTPConnection(HOST, PORT, timeout=10)
    index = 0
    while time.monotonic() < deadline:
        path = PATHS[index % len(PATHS)]
        index += 1
        sent = time.monotonic()
        expected = editor.newest_before(sent) if path == TECHNIQUE else None
        try:
            connection.request("GET", path, headers={"Accept-Encoding": "identity"})
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            tally["errors (connection)"] += 1
            connection.close()
            connection = http.client.HTTPConnection(HOST, PORT, timeout=10)
            continue
        tally["requests"] += 1
        if response.status != 200:
            tally[f"errors ({response.status})"] += 1
            continue
        if expected:
            name = json.loads(body)["name"]
            shown = int(name.rsplit(" ", 1)[1]) if "edit" in name else 0
            if shown < expected:
                stale.append(f"showed edit {shown} after edit {expected} had committed")
    connection.close()


def main() -> None:
    prepare()
    env = environment()
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")})
    os.environ.update({k: v for k, v in env.items() if k.startswith("DJANGO_")})
    import django

    django.setup()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        # Sync workers, as the soak has always run them (see bench/run.py).
        [gunicorn, "footcare.wsgi", "-b", f"{HOST}:{PORT}", "-w", "2", "--worker-class", "sync",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection(HOST, PORT, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(1)
        rss_start = rss_kib([server.pid, *worker_pids(server.pid)])
        deadline = time.monotonic() + SECONDS
        editor = Editor(deadline)
        tally: Counter = Counter()
        stale: list[str] = []
        threads = [
            threading.Thread(target=client, args=(deadline, editor, tally, stale), daemon=True)
            for _ in range(CLIENTS)
        ]
        editor.start()
        for thread in threads:
            thread.start()
        time.sleep(SECONDS / 2)
        victim = worker_pids(server.pid)[0]
        os.kill(victim, signal.SIGKILL)  # gunicorn's master starts another one
        for thread in threads:
            thread.join()
        editor.join(timeout=EDIT_EVERY + 5)
        rss_end = rss_kib([server.pid, *worker_pids(server.pid)])
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    errors = sum(count for name, count in tally.items() if name.startswith("errors"))
    summary = {
        "clients": CLIENTS,
        "seconds": SECONDS,
        "requests": tally["requests"],
        "requests_per_second": round(tally["requests"] / SECONDS),
        "errors": errors,
        "error_kinds": {k: v for k, v in tally.items() if k.startswith("errors")},
        "edits": len(editor.committed),
        "stale_reads": len(stale),
        "worker_killed": victim,
        "rss_kib_start": rss_start,
        "rss_kib_end": rss_end,
        "rss_growth_kib": rss_end - rss_start,
    }
    (RESULTS / "soak.json").write_text(json.dumps(summary, indent=2))
    for key, value in summary.items():
        print(f"{key:22} {value}")
    for line in stale[:5]:
        print("stale:", line)


if __name__ == "__main__":
    main()
