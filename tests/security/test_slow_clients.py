"""Item 2 of the security review: slow clients do not take an app server down.

Before: gunicorn's sync workers were each held by one connection sending its headers slowly;
two such connections made /healthz fail 6 times in 7 for 20 s, and the README's recipe bound
gunicorn to 0.0.0.0, in reach of anyone.
"""

import os
import re
import shlex
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from deploy.local_nginx import LocalNginx, installed
from deploy.ports import free_port
from tests.servers import ROOT, Server

LOOPBACK = re.compile(r"^(127\.0\.0\.1|localhost|\[::1\]|unix:\S+)(:(\d+|%i))?$")


@contextmanager
def slow_clients(port: int, count: int) -> Iterator[None]:
    """``count`` connections that send a request's headers a line a second, never finishing."""
    connections = []
    for _ in range(count):
        connection = socket.create_connection(("127.0.0.1", port), timeout=5)
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        connections.append(connection)
    done = threading.Event()

    def drip() -> None:
        while not done.wait(1):
            for connection in connections:
                with suppress(OSError):  # dropped by the server: that is allowed
                    connection.sendall(b"X-Slow: 1\r\n")

    dripper = threading.Thread(target=drip)
    dripper.start()
    try:
        time.sleep(1)  # every connection has reached the server and sent a line more
        yield
    finally:
        done.set()
        dripper.join()
        for connection in connections:
            connection.close()


def seconds_to_answer(url: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - our own server
        assert answer.status == 200
    return time.monotonic() - started


@pytest.mark.server
@pytest.mark.django_db
def test_a_server_reached_directly_answers_healthz_within_a_second():
    server = Server(workers=2)  # gunicorn with gunicorn.conf.py, as the README runs it
    try:
        with slow_clients(server.port, 20):
            times = []
            for _ in range(5):
                times.append(seconds_to_answer(server.url("/healthz")))
                time.sleep(0.5)
    finally:
        server.stop()
    assert max(times) < 1, times


@pytest.mark.edge
@pytest.mark.django_db
@pytest.mark.skipif(
    not installed() and not os.environ.get("FOOTCARE_REQUIRE_NGINX"),
    reason="nginx is not installed (CI installs Debian's)",
)
def test_through_nginx_200_slow_connections_leave_requests_unaffected(tmp_path):
    server = Server()
    tree = tmp_path / "empty-tree"  # nothing published: every request reaches the app
    tree.mkdir()
    nginx = LocalNginx(tmp_path / "nginx", port=free_port(), tree=tree, apps=[server.port])
    try:
        with slow_clients(nginx.port, 200):
            times = [seconds_to_answer(f"http://127.0.0.1:{nginx.port}/api/v1/") for _ in range(10)]
    finally:
        nginx.stop()
        server.stop()
    assert max(times) < 1, times


def gunicorn_binds() -> list[tuple[str, str]]:
    """Every address a recipe, unit, doc or config of ours tells gunicorn to bind."""
    found = []
    texts = [ROOT / "README.md", ROOT / "Makefile", ROOT / "gunicorn.conf.py"]
    texts += [*(ROOT / "docs").rglob("*.md"), *(ROOT / "deploy").rglob("*")]
    for path in (p for p in texts if p.is_file()):
        for line in path.read_text(errors="replace").splitlines():
            if "gunicorn" in line and "--bind" in line:
                words = shlex.split(line.split("#")[0], posix=True)
                found += [(str(path), words[words.index("--bind") + 1])]
            if line.startswith("bind ="):
                found += [(str(path), address) for address in re.findall(r'"([^"]+)"', line)]
    return found


def test_no_recipe_unit_or_doc_exposes_an_app_server():
    binds = gunicorn_binds()
    assert any(path.endswith("README.md") for path, _ in binds)  # the recipe is still seen
    assert any(path.endswith("gunicorn.conf.py") for path, _ in binds)
    assert any(path.endswith("footcare-app@.service") for path, _ in binds)
    exposed = [(Path(path).name, address) for path, address in binds if not LOOPBACK.match(address)]
    assert exposed == []
