"""`make cluster`: several app servers, one truth. A script, not a test; it stops by itself.

On 127.0.0.1: a fresh PostgreSQL database with the shipped content, Redis, two gunicorn app
servers (DJANGO_DEBUG=0), the publishing worker (``publish_static --watch``) and Debian's
nginx with deploy/nginx/ balancing between the servers and serving the published tree.

For CLUSTER_SECONDS (40) readers hammer nginx: published answers (from the tree) and the same
benefit through a query the tree does not hold (from the application). Meanwhile an editor
changes that benefit every 2 s through server A's admin, as a person would (log in, open
the form, change the text, save). Each edit writes its number into the text, so every read
can say which edit it saw.

A stale read is an answer older than an edit that had committed before the read began, by
more than the publish delay (the watcher's interval plus its longest publish) for the tree,
by any time at all for the application. Prints requests, errors and stale reads; exits 1 if
there were errors or stale reads.
"""

import html.parser
import http.client
import http.cookiejar
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis

from deploy.local_nginx import LocalNginx, installed
from deploy.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("CLUSTER_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("CLUSTER_REDIS", "redis://127.0.0.1:6379/9")
SECONDS = float(os.environ.get("CLUSTER_SECONDS", "40"))
READERS = int(os.environ.get("CLUSTER_READERS", "8"))
EDIT_EVERY = 2.0
WATCH_INTERVAL = 0.2
EDITOR = ("cluster-editor", secrets.token_urlsafe(16))
MARK = re.compile(r"\(edit (\d+)\)")


@dataclass
class Read:
    started: float
    source: str  # "tree" or "application"
    edit_seen: int


@dataclass
class Tally:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    reads: list[Read] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Cluster:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.database = f"footcare_cluster_{os.getpid()}"
        self.processes: list[subprocess.Popen[bytes]] = []
        self.nginx: LocalNginx | None = None
        self.nginx_port = free_port()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | {
            "DATABASE_URL": f"{POSTGRES}/{self.database}",
            "REDIS_URL": REDIS,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            # Clients come through nginx: the API's links lead there.
            "DJANGO_PUBLIC_ORIGIN": f"http://127.0.0.1:{self.nginx_port}",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_TRUSTED_PROXIES": "1",
            "DJANGO_LOG_LEVEL": "WARNING",
            # The shipped routines are published as the pack ships them, not held for a
            # reviewer's approval: the readers under load read published content.
            "DJANGO_REVIEW_REQUIRED": "0",
            "DJANGO_SUPERUSER_PASSWORD": EDITOR[1],
            "PYTHONUNBUFFERED": "1",
        }

    def start(self) -> None:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{self.database}"')
        redis.Redis.from_url(REDIS).flushdb()
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["collectstatic", "--noinput", "-v0"],  # the admin's files, as in production
            ["load_content"],
            ["createsuperuser", "--noinput", "--username", EDITOR[0], "--email", "e@x.test"],
        ):
            self.manage(*command)
        self.apps = [free_port(), free_port()]
        for port in self.apps:
            self.spawn(
                [sys.executable, "-m", "gunicorn", "footcare.wsgi", "--workers", "2",
                 "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], f"app-{port}.log"
            )  # fmt: skip
        self.tree = self.workdir / "published"
        self.publisher_log = self.workdir / "publisher.log"
        self.spawn(
            [sys.executable, "manage.py", "publish_static", str(self.tree), "--watch",
             "--interval", str(WATCH_INTERVAL), "--origin", f"http://127.0.0.1:{self.nginx_port}"],
            self.publisher_log.name,
        )  # fmt: skip
        for port in self.apps:
            wait_for(f"http://127.0.0.1:{port}/readyz")
        wait_for_path(self.tree / "live" / "manifest.json")
        self.nginx = LocalNginx(
            self.workdir / "nginx", port=self.nginx_port, tree=self.tree / "live",
            apps=self.apps, workers=2,
        )  # fmt: skip

    def manage(self, *command: str) -> None:
        subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *command],
            cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def spawn(self, command: list[str], log: str) -> None:
        output = (self.workdir / log).open("wb")
        self.processes.append(
            subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=output, stderr=output)  # noqa: S603
        )

    def publish_seconds(self) -> list[tuple[float, float]]:
        """(whole publish, until what changed was live) for each publish of the worker."""
        text = self.publisher_log.read_text()
        found = re.findall(r"in (\d+\.\d+) s \(what changed was live after (\d+\.\d+) s\)", text)
        return [(float(whole), float(first)) for whole, first in found]

    def stop(self) -> None:
        if self.nginx:
            self.nginx.stop()
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=20)
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        redis.Redis.from_url(REDIS).flushdb()


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 - loopback
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"cluster: {url} did not answer") from None
            time.sleep(0.2)


def wait_for_path(path: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"cluster: nothing was published at {path}")
        time.sleep(0.2)


class FormFields(html.parser.HTMLParser):
    """The fields of the admin's change form, as the browser would send them."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or (not a.get("name") and tag != "option"):
            return
        if tag == "input" and a.get("type") not in ("submit", "file", "button"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value", "on")))
        elif tag == "textarea":
            self.textarea = a["name"]
            self.fields.append((a["name"], ""))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)


class Editor:
    """A person in server A's admin, changing one benefit's text again and again."""

    def __init__(self, server: str, benefit_id: int) -> None:
        self.server = server
        self.form = f"{server}/admin/routines/benefit/{benefit_id}/change/"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.committed: dict[int, float] = {}
        self.failures: list[str] = []
        login = f"{server}/admin/login/?next=/admin/"
        page = self.opener.open(login).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]  # type: ignore[index]
        self.post(login, [("csrfmiddlewaretoken", token), ("username", EDITOR[0]),
                          ("password", EDITOR[1]), ("next", "/admin/")])  # fmt: skip

    def post(self, url: str, fields: list[tuple[str, str]]) -> str:
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})  # noqa: S310
        with self.opener.open(request) as response:
            return str(response.url)

    def edit(self, number: int) -> None:
        parser = FormFields("benefit_form")
        parser.feed(self.opener.open(self.form).read().decode())
        fields = [
            (
                name,
                MARK.sub("", value).rstrip() + f" (edit {number})" if name == "body_en" else value,
            )
            for name, value in parser.fields
        ]
        landed = self.post(self.form, [*fields, ("_save", "Save")])
        if landed.rstrip("/").endswith("/change"):  # the form again: refused
            self.failures.append(f"edit {number} was refused")
        else:
            self.committed[number] = time.monotonic()  # the save has answered: committed

    def run(self, until: float) -> None:
        number = 0
        while time.monotonic() < until - EDIT_EVERY:
            number += 1
            try:
                self.edit(number)
            except OSError as error:
                self.failures.append(f"edit {number}: {error}")
            time.sleep(EDIT_EVERY)


def reader(port: int, paths: list[tuple[str, str | None]], tally: Tally, until: float) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    index = 0
    while time.monotonic() < until:
        path, source = paths[index % len(paths)]
        index += 1
        started = time.monotonic()
        try:
            connection.request(
                "GET", path, headers={"Accept-Language": "en" if index % 3 else "ru"}
            )
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            with tally.lock:
                tally.requests += 1
                tally.errors.append(f"{path}: {error}")
            continue
        with tally.lock:
            tally.requests += 1
            if response.status != 200:
                tally.errors.append(f"{path}: {response.status}")
            elif source and index % 3:  # the English text carries the edit's number
                seen = MARK.search(json.loads(body)["body"])
                tally.reads.append(Read(started, source, int(seen[1]) if seen else 0))


def main() -> int:
    if not installed():
        print("cluster: nginx is not installed (apt-get install -y nginx)")
        return 1
    with tempfile.TemporaryDirectory(prefix="footcare-cluster-") as scratch:
        cluster = Cluster(Path(scratch))
        try:
            cluster.start()
            with psycopg.connect(cluster.env["DATABASE_URL"]) as db:
                benefit_id, slug = db.execute(
                    "SELECT id, slug FROM routines_benefit ORDER BY position LIMIT 1"
                ).fetchone()  # type: ignore[misc]
            detail = f"/api/v1/benefits/{slug}/"
            paths: list[tuple[str, str | None]] = [
                (detail, "tree"),
                (f"{detail}?lang=en", "application"),
                ("/api/v1/routines/", None),
                ("/api/v1/routines/relaxing-full-foot-massage/", None),
                ("/api/v1/zones/", None),
                ("/api/v1/foot-map/?foot=left&view=plantar", None),
                ("/api/v1/benefits/", None),
            ]
            editor = Editor(f"http://127.0.0.1:{cluster.apps[0]}", benefit_id)
            tally = Tally()
            started = time.monotonic()
            until = started + SECONDS
            threads = [
                threading.Thread(target=reader, args=(cluster.nginx_port, paths, tally, until))
                for _ in range(READERS)
            ] + [threading.Thread(target=editor.run, args=(until,))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            publishes = cluster.publish_seconds()
        finally:
            cluster.stop()
    return report(tally, editor, publishes, elapsed)


def report(
    tally: Tally, editor: Editor, publishes: list[tuple[float, float]], elapsed: float
) -> int:
    # The longest a commit can wait: the worker's next look, a publish already under way
    # (the full syncs, say), then the first step of its own.
    wholes = [whole for whole, _ in publishes]
    firsts = [first for _, first in publishes]
    delay = WATCH_INTERVAL + max(wholes, default=0.0) + max(firsts, default=0.0)
    stale = {"tree": 0, "application": 0}
    lags: list[float] = []
    for read in tally.reads:
        allowed = delay if read.source == "tree" else 0.0
        due = [n for n, at in editor.committed.items() if at + allowed < read.started]
        if due and read.edit_seen < max(due):
            stale[read.source] += 1
    for number, at in editor.committed.items():
        seen = [r.started for r in tally.reads if r.source == "tree" and r.edit_seen >= number]
        if seen:
            lags.append(min(seen) - at)
    reads = {source: sum(r.source == source for r in tally.reads) for source in stale}
    errors = tally.errors + editor.failures
    lines = [
        f"cluster: 2 app servers on PostgreSQL and Redis, nginx in front, {elapsed:.0f} s, "
        f"{READERS} readers, an edit every {EDIT_EVERY:g} s through server A's admin",
        f"requests: {tally.requests} ({tally.requests / elapsed:.0f}/s)",
        f"errors: {len(errors)}",
        *(f"  {error}" for error in errors[:10]),
        f"edits committed: {len(editor.committed)}; publishes: {len(publishes)}, what changed "
        f"live after {min(firsts, default=0):.2f}-{max(firsts, default=0):.2f} s, whole "
        f"publishes {min(wholes, default=0):.2f}-{max(wholes, default=0):.2f} s "
        f"(publish delay: at most {delay:.2f} s)",
    ]
    if lags:
        lines.append(
            f"time until a read through nginx showed an edit: median "
            f"{statistics.median(lags):.2f} s, longest {max(lags):.2f} s"
        )
    lines.append(
        f"stale reads: {stale['tree']} of {reads['tree']} from the tree beyond the publish "
        f"delay, {stale['application']} of {reads['application']} from the application"
    )
    print("\n".join(lines))
    failed = tally.errors or editor.failures or any(stale.values()) or not editor.committed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
