"""`make bench`: the production server under a bounded load on loopback, against a reference.

For 20 and 200 published routines it starts gunicorn (DJANGO_DEBUG=0, 2 sync workers) on
127.0.0.1, drives each endpoint with wrk (16 connections, a few seconds each) and compares its
requests/s with a view that returns precomputed bytes of the same size. It also measures the
routine list with the representation cache off, and the gzip ratio. Then the edge: how long
`publish_static` takes (all of it, and again after one edit), and the published answers
through Debian's nginx (deploy/nginx/, 2 workers) against the same reference. Figures go to
bench/results/bench.json and bench/results/bench.png.
"""

import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from deploy.local_nginx import LocalNginx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
HOST = "127.0.0.1"
PORT = 8123
EDGE_PORT = 8124
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = 16
SCALES = [20, 200]


def run(*args: str, env: dict[str, str]) -> None:
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def environment(database: Path, *, cache: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_LOG_LEVEL="WARNING",
        # The shipped routines are published as the pack ships them, not held for a
        # reviewer's approval: the benchmark reads published content.
        DJANGO_REVIEW_REQUIRED="0",
        DJANGO_ROOT_URLCONF="bench.urls",
        DJANGO_API_REPRESENTATION_CACHE="1" if cache else "0",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="footcare.settings",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)  # each worker keeps its own copies: no network in the way
    return env


def prepare(scale: int) -> Path:
    database = RESULTS / f"bench-{scale}.sqlite3"
    database.unlink(missing_ok=True)
    env = environment(database, cache=True)
    run(PYTHON, "manage.py", "migrate", "--noinput", env=env)
    run(PYTHON, "manage.py", "load_content", env=env)
    run(PYTHON, "bench/scale.py", str(scale), env=env)
    return database


class Server:
    def __init__(self, database: Path, *, cache: bool) -> None:
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [
                gunicorn,
                "footcare.wsgi",
                "-b",
                f"{HOST}:{PORT}",
                "-w",
                "2",
                # Sync workers, as every earlier run measured: on SQLite, gunicorn.conf.py's
                # gevent workers open a connection per request (PostgreSQL's pool does not),
                # which would slow the reference as much as the endpoints and blur the ratios.
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=environment(database, cache=cache),
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://{HOST}:{PORT}/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)


def fetch(
    path: str, headers: dict[str, str] | None = None, port: int = PORT
) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), dict(response.headers)


def status(path: str, headers: dict[str, str], port: int) -> int:
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def to_ms(value: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    if match is None:
        raise RuntimeError(f"wrk reported a latency of {value!r}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def load(
    path: str,
    headers: dict[str, str] | None = None,
    connections: int = CONNECTIONS,
    port: int = PORT,
) -> dict:
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{SECONDS}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    if "Latency Distribution" not in output or "Requests/sec" not in output:
        raise RuntimeError(f"wrk gave no figures for {path}:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),  # type: ignore[index]
        # Anchored to the start of a line: the stats table above may end in, say, "78.99%".
        "p50_ms": to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1]),  # type: ignore[index]
        "p99_ms": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1]),  # type: ignore[index]
        "errors": int(non_2xx[1]) if non_2xx else 0,
    }


def measure(scale: int, database: Path) -> dict:
    server = Server(database, cache=True)
    try:
        list_path = "/api/v1/routines/?limit=500"
        endpoints: dict[str, tuple[str, dict[str, str]]] = {
            "routine list": (list_path, {}),
            "routine detail": ("/api/v1/routines/relaxing-full-foot-massage/", {}),
            "zones list": ("/api/v1/zones/?limit=500", {}),
            "foot map": ("/api/v1/foot-map/?foot=left&view=plantar", {}),
            "full sync": ("/api/v1/sync/", {}),
        }
        full, _ = fetch("/api/v1/sync/")
        endpoints["delta sync"] = (f"/api/v1/sync/?token={json.loads(full)['next_token']}", {})
        body, headers = fetch(list_path)
        endpoints["304 revalidation"] = (list_path, {"If-None-Match": headers["ETag"]})
        figures: dict[str, dict] = {}
        for name, (path, extra) in endpoints.items():
            size = len(fetch(path, extra)[0]) if "If-None-Match" not in extra else 0
            for _ in range(4):  # fill both workers' stores before measuring
                fetch(path)
            reference = load(f"/bench/reference/?size={max(size, 1)}")
            result = load(path, extra)
            result["bytes"] = size
            result["reference_requests_per_second"] = reference["requests_per_second"]
            result["ratio"] = round(
                result["requests_per_second"] / reference["requests_per_second"], 3
            )
            figures[name] = result
        zipped, _ = fetch(list_path, {"Accept-Encoding": "gzip"})
        figures["gzip"] = {"plain_bytes": len(body), "gzip_bytes": len(zipped),
                           "ratio": round(len(body) / len(zipped), 1)}  # fmt: skip
        assert gzip.decompress(zipped) == body
    finally:
        server.stop()
    uncached = Server(database, cache=False)
    try:
        figures["routine list, cache off (1 connection)"] = load(list_path, connections=1)
    finally:
        uncached.stop()
    figures |= measure_edge(scale, database)
    return figures


EDIT_ONE_ROUTINE = (
    "from routines.models import Routine\n"
    "routine = Routine.objects.published().order_by('slug').first()\n"
    "routine.summary_en += ' Edited.'\n"
    "routine.save()\n"
)


def timed_publish(tree: Path, env: dict[str, str]) -> float:
    started = time.monotonic()
    origin = f"http://{HOST}:{EDGE_PORT}"
    run(PYTHON, "manage.py", "publish_static", str(tree), "--origin", origin, env=env)
    return round(time.monotonic() - started, 2)


def measure_edge(scale: int, database: Path) -> dict:
    """Publishing time, and published answers through nginx against the Django reference."""
    env = environment(database, cache=True)
    tree = RESULTS / f"published-{scale}"
    shutil.rmtree(tree, ignore_errors=True)
    figures: dict[str, dict] = {"publish": {"first_seconds": timed_publish(tree, env)}}
    run(PYTHON, "-c", f"import django\ndjango.setup()\n{EDIT_ONE_ROUTINE}", env=env)
    figures["publish"]["after_one_edit_seconds"] = timed_publish(tree, env)
    server = Server(database, cache=True)  # what the tree does not hold
    nginx = LocalNginx(
        RESULTS / "nginx", port=EDGE_PORT, tree=tree / "live", apps=[PORT], workers=2
    )
    try:
        routines = "/api/v1/routines/"
        _, listed = fetch(routines, port=EDGE_PORT)
        # wrk reads a 304 that states the 200's Content-Length (as nginx's If-None-Match 304s
        # from the tree do, which RFC 9110 allows) as a body to wait for; If-Modified-Since
        # takes nginx's own 304 path through the same tree.
        revalidation = {"If-Modified-Since": listed["Last-Modified"]}
        if status(routines, revalidation, EDGE_PORT) != 304:
            raise RuntimeError("nginx did not answer the revalidation with 304")
        endpoints: dict[str, tuple[str, dict[str, str]]] = {
            "nginx: routine list": (routines, {}),
            "nginx: routine detail": ("/api/v1/routines/relaxing-full-foot-massage/", {}),
            "nginx: zones list": ("/api/v1/zones/", {}),
            "nginx: foot map": ("/api/v1/foot-map/?foot=left&view=plantar", {}),
            "nginx: 304 revalidation": (routines, revalidation),
        }
        for name, (path, extra) in endpoints.items():
            size = len(fetch(path, extra, EDGE_PORT)[0]) if not extra else 0
            reference = load(f"/bench/reference/?size={max(size, 1)}")
            result = load(path, extra, port=EDGE_PORT)
            result["bytes"] = size
            result["reference_requests_per_second"] = reference["requests_per_second"]
            result["ratio"] = round(
                result["requests_per_second"] / reference["requests_per_second"], 3
            )
            figures[name] = result
    finally:
        nginx.stop()
        server.stop()
    return figures


def chart(results: dict) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no chart (pip install matplotlib)")
        return
    names = [
        n for n in results[str(SCALES[0])] if "ratio" in results[str(SCALES[0])][n] and n != "gzip"
    ]
    figure, axis = plt.subplots(figsize=(10, 5))
    width = 0.38
    for offset, scale in enumerate(SCALES):
        ratios = [results[str(scale)][n]["ratio"] for n in names]
        axis.bar(
            [i + offset * width for i in range(len(names))],
            ratios,
            width,
            label=f"{scale} routines",
        )
    axis.axhline(0.85, color="grey", linestyle="--", linewidth=1, label="goal 0.85")
    axis.set_xticks([i + width / 2 for i in range(len(names))], names, rotation=20, ha="right")
    axis.set_ylabel("throughput / reference view of the same size")
    axis.set_title("footcare: requests/s relative to precomputed bytes (gunicorn, 2 workers)")
    axis.legend()
    figure.tight_layout()
    figure.savefig(RESULTS / "bench.png", dpi=110)


def version_check_cost(database: Path) -> float:
    """Microseconds one content-version lookup takes: what every API read pays for freshness."""
    script = (
        "import timeit, django\n"
        "django.setup()\n"
        "from footcare.content.journal import version\n"
        "version()\n"
        "print(timeit.timeit(version, number=20000) / 20000 * 1e6)\n"
    )
    output = subprocess.run(
        [PYTHON, "-c", script],
        cwd=ROOT, env=environment(database, cache=True), capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return round(float(output.split()[-1]), 1)


def main() -> None:
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = {}
    for scale in SCALES:
        database = prepare(scale)
        results[str(scale)] = measure(scale, database)
        results[str(scale)]["version check"] = {"microseconds": version_check_cost(database)}
    (RESULTS / "bench.json").write_text(json.dumps(results, indent=2))
    chart(results)
    for size, figures in results.items():
        print(f"\n{size} routines")
        print(f"{'endpoint':42} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>8} {'ratio':>6}")
        for name, f in figures.items():
            if name == "version check":
                print(f"{'content version check (per request)':42} {f['microseconds']} µs")
                continue
            if name == "publish":
                took = (
                    f"{f['first_seconds']} s, again after one edit {f['after_one_edit_seconds']} s"
                )
                print(f"{'publish_static':42} {took}")
                continue
            if name == "gzip":
                sizes = f"{f['plain_bytes']} -> {f['gzip_bytes']} bytes"
                print(f"{'gzip (routine list)':42} {sizes}, {f['ratio']}x smaller")
                continue
            rate = f"{f['requests_per_second']:9.0f} {f['p50_ms']:8.2f} {f['p99_ms']:8.2f}"
            print(f"{name:42} {rate} {f.get('bytes', ''):>8} {f.get('ratio', ''):>6}")
    print(f"\nWritten: {RESULTS / 'bench.json'} and {RESULTS / 'bench.png'}")


if __name__ == "__main__":
    main()
