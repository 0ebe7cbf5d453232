"""Item 11 of the security review: the settings default to production.

Before: a server started without DJANGO_DEBUG ran in debug mode, with a public key, and showed
debug pages. Now debug is off unless asked for, `make run` asks for it itself, and a server
without a secret key refuses to start with one plain line.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from deploy.ports import free_port
from tests.servers import ROOT
from tests.test_run_local import group_alive

MAKE = shutil.which("make") or "/usr/bin/make"
NO_KEY = "footcare cannot start: DJANGO_SECRET_KEY is not set"

pytestmark = pytest.mark.server  # Django, gunicorn and `make run` in subprocesses

# Runs a command with Ctrl-C's signal at its default action, as a terminal starts it. A test
# run started in the background (`make test &` in a script, nohup, some CI runners) ignores
# SIGINT, and an ignored signal stays ignored across fork and exec: make, and Python after it,
# then never see Ctrl-C. That is how `make run` once outlived this test (make, sh and both
# Pythons showed SIGINT in SigIgn of /proc/<pid>/status); it was never a matter of load.
WITH_CTRL_C = [
    sys.executable, "-c",
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execvp(sys.argv[1], sys.argv[1:])",
]  # fmt: skip


def environment(**overrides: str) -> dict[str, str]:
    """This process's environment without any setting of the service, plus ``overrides``."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    return clean | {"PYTHONUNBUFFERED": "1"} | overrides


def test_without_the_environment_the_settings_are_productions():
    shown = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import "
         "settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"],
        cwd=ROOT,
        env=environment(DJANGO_SECRET_KEY="k" * 50, DJANGO_SETTINGS_MODULE="footcare.settings"),
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert shown.stdout.split() == ["False", "[]"]


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "gunicorn", "footcare.wsgi", "--bind", "127.0.0.1:0"],
        ["manage.py", "runserver", "127.0.0.1:0", "--noreload"],
        ["manage.py", "migrate"],
    ],
    ids=["gunicorn", "runserver", "migrate"],
)
def test_a_server_without_a_secret_key_refuses_to_start_in_one_plain_line(command):
    refused = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=environment(),
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert refused.returncode != 0
    assert NO_KEY in refused.stderr
    assert "Traceback" not in refused.stderr, refused.stderr


def test_make_run_turns_debug_on_for_itself_and_stops_on_ctrl_c(tmp_path):
    # The newcomer's command, in an environment that says nothing about debug.
    port = free_port()
    server = subprocess.Popen(
        [*WITH_CTRL_C, MAKE, "--no-print-directory", "run", f"PORT={port}"],
        cwd=ROOT,
        env=environment(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    )
    output: list[str] = []
    try:
        deadline = time.monotonic() + 300
        assert server.stdout is not None
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            output.append(line)
            if "Ctrl-C" in line:
                break
        text = "".join(output)
        assert "footcare is up:" in text, text
        banner = text[text.index("footcare is up:") :]
        assert "log in as user 'admin', password 'admin'" in banner
        for path in ("/", "/admin/", "/api/v1/docs/", "/api/v1/redoc/", "/api/v1/"):
            url = f"http://127.0.0.1:{port}{path}"
            assert url in banner, path
            with urllib.request.urlopen(url, timeout=10) as answer:
                assert answer.status == 200, path
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page", timeout=10)
        assert "Using the URLconf" in missing.value.read().decode()  # Django's debug page
        assert "Starting development server" in text  # runserver's own lines still show
    finally:
        os.killpg(server.pid, signal.SIGINT)
        # If make stays, the processes still in its group say which one ignored Ctrl-C.
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail(f"make run ignored Ctrl-C for 30 s:\n{processes_in(server.pid)}")
        finally:
            assert server.stdout is not None
            server.stdout.close()
    alive = group_alive(server.pid, within_seconds=10)
    assert not alive, processes_in(server.pid)  # the serving child is gone too


def processes_in(group: int) -> str:
    """What ``ps`` says of the processes of ``group``, to explain a test that failed."""
    listing = subprocess.run(
        ["ps", "-e", "-o", "pid=,pgid=,stat=,etime=,args="],  # noqa: S607
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    return "\n".join(line for line in listing.splitlines() if line.split()[1] == str(group))
