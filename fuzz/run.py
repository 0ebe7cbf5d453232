"""`make fuzz`: schemathesis, every check, against the running service.

gunicorn serves the shipped content as in production (DJANGO_DEBUG=0, the stored-answer cache
on) from a database of its own: a fresh SQLite file, or, when DATABASE_URL names PostgreSQL, a
fresh database beside the one it names. schemathesis reads the contract the server publishes at
/api/v1/schema/ and runs its phases (examples, coverage, fuzzing, stateful) with a fixed seed
and a budget per operation, so that a run is repeatable and fits CI. Exits with schemathesis's
status; a server error it provoked is in the server's log, printed on failure.

Only 127.0.0.1 is touched, and the run stops by itself.
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "fuzz" / "schemathesis.toml"
SEED = os.environ.get("FUZZ_SEED", "20261201")
MAX_EXAMPLES = os.environ.get("FUZZ_MAX_EXAMPLES", "100")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgres_admin(url: str, sql: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as db:
        db.execute(sql)


def database(workdir: Path) -> tuple[str, str | None]:
    """(DATABASE_URL for the server, name of a PostgreSQL database to drop afterwards)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{workdir / 'fuzz.sqlite3'}", None
    name = f"footcare_fuzz_{os.getpid()}"
    postgres_admin(url, f'CREATE DATABASE "{name}"')
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl(), name


def environment(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_LOG_LEVEL="WARNING",
        # The shipped routines are published as the pack ships them, not held for a
        # reviewer's approval: the fuzzer needs published content to reach every answer.
        DJANGO_REVIEW_REQUIRED="0",
        PYTHONUNBUFFERED="1",
    )
    return env


def wait_until_ready(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("fuzz: the server did not start")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="footcare-fuzz-") as tmp:
        workdir = Path(tmp)
        database_url, postgres_name = database(workdir)
        env = environment(database_url)
        try:
            for command in (["migrate", "--noinput", "-v0"], ["load_content"]):
                subprocess.run(
                    [sys.executable, "manage.py", *command],
                    cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
                )  # fmt: skip
            port = free_port()
            log = workdir / "server.log"
            with log.open("wb") as server_log:
                server = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "footcare.wsgi", "--workers", "2",
                     "--bind", f"127.0.0.1:{port}", "--timeout", "30"],
                    cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
                )  # fmt: skip
                try:
                    wait_until_ready(port, server)
                    started = time.monotonic()
                    status = subprocess.run(
                        [str(Path(sys.executable).with_name("st")),
                         "--config-file", str(CONFIG), "run",
                         f"http://127.0.0.1:{port}/api/v1/schema/",
                         "--seed", SEED, "--max-examples", MAX_EXAMPLES],
                        cwd=ROOT, env=env,
                    ).returncode  # fmt: skip
                    print(f"fuzz: schemathesis finished in {time.monotonic() - started:.0f} s")
                finally:
                    server.terminate()
                    server.wait(timeout=30)
            if status != 0:
                print("fuzz: the server's log:\n" + log.read_text(errors="replace")[-20000:])
            return status
        finally:
            if postgres_name:
                postgres_admin(env["DATABASE_URL"], f'DROP DATABASE IF EXISTS "{postgres_name}"')


if __name__ == "__main__":
    sys.exit(main())
