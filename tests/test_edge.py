"""nginx in front (deploy/nginx/), compared with the application answer by answer.

A database of its own with the shipped content, gunicorn on it, the tree publish_static
makes of it, and Debian's nginx with the production configuration in front: for every
published path, in both languages and every coding, nginx's answer must be the
application's (status, body after decoding, validators and caching headers), also when
revalidating; and whatever the tree does not hold must reach the application.
"""

import gzip
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import brotli
import pytest

from deploy.local_nginx import HERE, LocalNginx, binary, installed
from footcare.edge.tree import pause_tree
from tests.servers import ROOT, free_port

pytestmark = [
    pytest.mark.edge,
    pytest.mark.skipif(
        not installed() and not os.environ.get("FOOTCARE_REQUIRE_NGINX"),
        reason="nginx is not installed (CI installs Debian's)",
    ),
]

COMPARED = (
    "Content-Type",
    "Content-Encoding",
    "Content-Language",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Vary",
    "X-Content-Type-Options",
    "X-Frame-Options",
)
CODINGS = {"": "", "gzip": "gzip", "gzip, deflate, br": "br"}


class Edge:
    """The application and nginx in front of it, on one published tree."""

    def __init__(self, workdir: Path) -> None:
        self.nginx_port, self.app_port = free_port(), free_port()
        self.origin = f"http://127.0.0.1:{self.nginx_port}"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "REDIS_URL")
        } | {
            "DATABASE_URL": f"sqlite:///{workdir / 'edge.sqlite3'}",
            "DJANGO_DEBUG": "1",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            # As in production: the API's links lead to nginx, whatever Host a client sends.
            "DJANGO_PUBLIC_ORIGIN": self.origin,
        }
        for command in (["migrate", "--noinput", "-v0"], ["load_content"]):
            self.manage(*command)
        self.tree = workdir / "published"
        self.manage("publish_static", str(self.tree), "--origin", self.origin)
        self.app = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "footcare.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{self.app_port}", "--log-level", "warning"],
            cwd=ROOT, env=self.env,
        )  # fmt: skip
        self.nginx = LocalNginx(
            workdir / "nginx", port=self.nginx_port, tree=self.tree / "live", apps=[self.app_port]
        )
        self.wait_for_the_application()

    def manage(self, *command: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def wait_for_the_application(self) -> None:
        for _ in range(150):
            try:
                if self.get(self.app_port, "/readyz")[0] == 200:
                    return
            except OSError:
                pass  # not listening yet
            time.sleep(0.2)
        raise RuntimeError("the application did not start")

    def get(
        self, port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"
    ) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers=headers or {}, method=method
        )
        # Both see the Host a client of nginx sends, as behind the real proxy.
        if not request.has_header("Host"):
            request.add_header("Host", f"127.0.0.1:{self.nginx_port}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def stop(self) -> None:
        self.nginx.stop()
        self.app.terminate()
        self.app.wait(timeout=10)


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Edge]:
    running = Edge(tmp_path_factory.mktemp("edge"))
    yield running
    running.stop()
    # Refused connections are the last test's, with the application stopped on purpose.
    problems = [
        line
        for line in running.nginx.errors().splitlines()
        if ("[error]" in line and "connect() failed" not in line)
        or any(level in line for level in ("[crit]", "[alert]", "[emerg]"))
    ]
    assert problems == []


def decoded(headers: dict[str, str], body: bytes) -> bytes:
    coding = headers.get("Content-Encoding")
    if coding == "gzip":
        return gzip.decompress(body)
    if coding == "br":
        return bytes(brotli.decompress(body))
    return body


def published_paths(edge: Edge) -> list[tuple[str, str]]:
    manifest = json.loads((edge.tree / "live" / "manifest.json").read_text())
    return [(language, path) for language, paths in manifest["answers"].items() for path in paths]


def same_answer(edge: Edge, path: str, headers: dict[str, str], method: str = "GET") -> Any:
    """nginx's and the application's answers to one request; asserts they are the same."""
    status, through_nginx, body = edge.get(edge.nginx_port, path, headers, method)
    app_status, from_app, app_body = edge.get(edge.app_port, path, headers, method)
    where = f"{method} {path} {headers}"
    assert status == app_status, where
    assert decoded(through_nginx, body) == decoded(from_app, app_body), where
    for name in COMPARED:
        assert through_nginx.get(name) == from_app.get(name), f"{name}: {where}"
    return status, through_nginx


def test_every_published_answer_is_the_applications_in_every_language_and_coding(edge):
    paths = published_paths(edge)
    assert len(paths) > 300  # both languages of the shipped catalogue
    for language, path in paths:
        for coding, expected in CODINGS.items():
            headers = {"Accept-Language": language, "Accept-Encoding": coding}
            status, answer = same_answer(edge, path, headers)
            assert status == 200
            assert answer.get("Content-Encoding", "") == expected
            assert answer["Content-Language"] == language
            # Revalidation: the ETag of any coding, in a list, weak or not, answers 304.
            again = headers | {"If-None-Match": f'"x", W/{answer["ETag"]}'}
            assert same_answer(edge, path, again)[0] == 304


@pytest.mark.parametrize(
    "accept_language",
    ["", "en-GB,en;q=0.9", "ru", "ru-RU,ru;q=0.9,en;q=0.8", "RU", "RU-ru", "ru_RU", "EN_gb"],
)
def test_the_language_is_chosen_as_the_application_chooses_it(edge, accept_language):
    for _, path in published_paths(edge)[:40]:
        assert same_answer(edge, path, {"Accept-Language": accept_language})[0] == 200


def test_a_304_has_no_body_and_no_false_length(edge):
    path = "/api/v1/zones/"
    _, answer = same_answer(edge, path, {"Accept-Encoding": "br"})
    status, headers, body = edge.get(edge.nginx_port, path, {
        "Accept-Encoding": "br", "If-None-Match": answer["ETag"]})  # fmt: skip
    assert (status, body) == (304, b"")
    # RFC 9110 8.6: absent, or the length the 200 would have; never a false 0.
    assert headers.get("Content-Length") in (None, answer["Content-Length"])
    status, _, _ = edge.get(edge.nginx_port, path, {"If-Modified-Since": answer["Last-Modified"]})
    assert status == 304


@pytest.mark.parametrize(
    ("path", "headers", "method"),
    [
        ("/api/v1/zones/?limit=5", {}, "GET"),  # a query the tree has no file for
        ("/api/v1/zones/?limit=abc", {}, "GET"),  # a 400 problem
        ("/api/v1/zones/?lang=ru", {}, "GET"),
        ("/api/v1/zones/no-such-zone/", {}, "GET"),
        ("/api/v1/zones/", {}, "POST"),
        ("/api/v1/zones/", {"Accept-Language": "de-DE,de;q=0.9,ru;q=0.8"}, "GET"),
        ("/api/v1/zones/", {"Accept-Language": "ru;q=0.5, en"}, "GET"),
        ("/api/v1/zones/", {"Accept": "text/html"}, "GET"),
        ("/api/v1/zones/", {"Accept": "application/json; indent=4"}, "GET"),
        ("/api/v1/zones/", {"Accept-Encoding": "br;q=0, gzip"}, "GET"),
        ("/api/v1/zones/", {"Cookie": "django_language=ru"}, "GET"),
        ("/api/v1/foot-map/?view=plantar&foot=left", {}, "GET"),
        ("/api/v1/foot-map/?foot=left&view=plantar", {"Accept": "image/svg+xml"}, "GET"),
        ("/api/v1/sync/?since=not-a-token", {}, "GET"),
        ("/api/v1/zones/%2e%2e/%2e%2e/manifest.json", {}, "GET"),
        ("/api/v1/zones/@", {}, "GET"),
        ("/api/v1/schema/", {}, "GET"),
        ("/healthz", {}, "GET"),
    ],
)
def test_what_the_tree_does_not_hold_is_the_applications_answer(edge, path, headers, method):
    same_answer(edge, path, headers, method)


def test_a_host_port_reaches_no_other_clients_links(edge):
    """Issue 21: one request with another port in Host gave every later client its links."""
    path = "/api/v1/zones/?limit=5"  # not in the tree: the application answers, and stores it
    forged = {"Host": "127.0.0.1:1"}
    for _ in range(10):  # to reach each worker (each has a cache of its own)
        assert edge.get(edge.nginx_port, path, forged)[0] == 200
    expected = f"{edge.origin}/api/v1/zones/?limit=5&offset=5"
    for _ in range(10):
        assert json.loads(edge.get(edge.nginx_port, path)[2])["next"] == expected
    assert json.loads(edge.get(edge.nginx_port, path, forged)[2])["next"] == expected


def test_nginx_never_serves_files_outside_the_published_answers(edge):
    for path in (
        "/_footcare_published/etc/passwd.json",
        f"/_footcare_published{edge.tree}/live/en/api/v1/zones/@.json",
        "/api/v1/zones/@/body",
    ):
        status, _, body = edge.get(edge.nginx_port, path)
        assert status == 404 and b"root:" not in body


def test_a_delta_comes_from_the_application_and_ends_with_its_token(edge):
    """Issue 24, point 2, at the edge: the tree holds no delta answer (a token is no plain
    word), so after compaction nginx passes every variant on to the application's refusal.
    Next to last in this module: it edits a zone, after which the tree is out of date."""
    _, headers, body = edge.get(edge.app_port, "/api/v1/sync/lean/")
    token = json.loads(decoded(headers, body))["next_token"]
    # A change after the token, so that compaction leaves it behind.
    edit = "from zones.models import Zone; z = Zone.objects.first(); z.name_en += '.'; z.save()"
    edge.manage("shell", "-c", edit)
    variants = [
        {"Accept-Language": language, "Accept-Encoding": coding}
        for language in ("en", "ru")
        for coding in CODINGS
    ]
    for path in (f"/api/v1/sync/?token={token}", f"/api/v1/sync/lean/?token={token}"):
        for headers in variants:
            assert same_answer(edge, path, headers)[0] == 200
    edge.manage("compact_journal", "--days", "-1")  # every entry is older than tomorrow
    for path in (f"/api/v1/sync/?token={token}", f"/api/v1/sync/lean/?token={token}"):
        for headers in variants:
            status, through_nginx, body = edge.get(edge.nginx_port, path, headers)
            assert status == 400, (path, headers)
            assert json.loads(decoded(through_nginx, body))["type"].endswith("full-sync-required")


def test_with_the_application_down_the_tree_still_answers_and_nothing_else_does(edge):
    """Last in this module: it stops the application, then withdraws the tree. It also
    shows which answers came from the tree above: only those still answer."""
    edge.app.terminate()
    edge.app.wait(timeout=10)
    published = published_paths(edge)
    for language, path in published:
        assert edge.get(edge.nginx_port, path, {"Accept-Language": language})[0] == 200, path
    for path in ("/api/v1/zones/?limit=5", "/api/v1/schema/", "/admin/"):
        assert edge.get(edge.nginx_port, path)[0] == 502

    # A withdrawn tree (its publisher stopped or failed) is not served, at once and later.
    pause_tree(edge.tree)
    for _ in range(2):
        for language, path in published:
            answer = edge.get(edge.nginx_port, path, {"Accept-Language": language})
            assert answer[0] == 502, path  # passed to the application, which is down
        time.sleep(1.1)  # past open_file_cache_valid: nothing is remembered of the tree


def test_the_debian_site_configuration_is_valid(tmp_path):
    """deploy/nginx/footcare.conf as an operator installs it, checked by nginx itself."""
    site = (HERE / "footcare.conf").read_text().replace("/etc/nginx/footcare/", f"{HERE}/")
    (tmp_path / "site.conf").write_text(site.replace("listen 80;", f"listen {free_port()};"))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ include {HERE}/footcare-http.conf; include {tmp_path}/site.conf; }}\n"
    )
    checked = subprocess.run(
        [binary(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
