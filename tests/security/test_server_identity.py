"""Item 18 of the security review: nginx keeps its version to itself, and two gunicorn
instances on one host do not share a control socket.

Before: nginx named its version in every Server header and error page, and gunicorn 25+
opened its `gunicornc` control socket at one path per user, so the second instance on a host
took over the first's.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from deploy.local_nginx import LocalNginx, installed
from deploy.ports import free_port
from tests.servers import ROOT, child_environment

pytestmark = pytest.mark.server  # nginx or two gunicorns


@pytest.mark.edge
@pytest.mark.skipif(
    not installed() and not os.environ.get("FOOTCARE_REQUIRE_NGINX"),
    reason="nginx is not installed (CI installs Debian's)",
)
def test_nginx_does_not_tell_its_version(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    nginx = LocalNginx(tmp_path / "nginx", port=free_port(), tree=tree, apps=[free_port()])
    try:
        with socket.create_connection(("127.0.0.1", nginx.port), timeout=5) as raw:
            raw.sendall(b"GET / HTTP/1.1\r\n\r\n")  # no Host: nginx answers 400 itself
            answer = raw.recv(65536).decode("latin-1")
        # Nothing listens behind it: nginx's own 502 page.
        request = urllib.request.Request(f"http://127.0.0.1:{nginx.port}/admin/")
        try:
            urllib.request.urlopen(request, timeout=5)  # noqa: S310 - our own nginx
        except urllib.error.HTTPError as error:
            gateway = (error.code, error.headers["Server"], error.read().decode())
    finally:
        nginx.stop()
    assert answer.startswith("HTTP/1.1 400")
    assert "Server: nginx\r\n" in answer and "nginx/" not in answer
    code, server, page = gateway
    assert (code, server) == (502, "nginx")
    assert "nginx/" not in page


def gunicorn(port: int, environment: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "footcare.wsgi", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=environment,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except OSError:
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)


def test_two_gunicorn_instances_on_one_host_do_not_share_a_control_socket(tmp_path):
    home, runtime = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    runtime.mkdir()
    environment = child_environment(HOME=str(home), XDG_RUNTIME_DIR=str(runtime))
    processes = []
    try:
        processes = [gunicorn(free_port(), environment) for _ in range(2)]
        sockets = [path for path in [*home.rglob("*"), *runtime.rglob("*")] if path.is_socket()]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
    assert sockets == []
    assert [process.returncode for process in processes] == [0, 0]
