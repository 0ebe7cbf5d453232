"""`make run`: it prepares, serves, prints where to go once the server answers, and Ctrl-C
stops all of it."""

import io
import os
import socket
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from footcare.local.where_to_go import addresses, announce_when_up
from footcare.management.commands.run_local import local_base_url, prepare
from tests.test_content_packs import assert_editors_work_stands, edit_as_an_editor

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("addrport", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("8001", "http://127.0.0.1:8001"),
        ("0.0.0.0:8002", "http://127.0.0.1:8002"),  # listening everywhere: browse locally
        ("[::1]:8003", "http://[::1]:8003"),
    ],
)
def test_the_banner_names_the_address_a_local_browser_uses(addrport, url):
    assert local_base_url(addrport) == url


def test_the_banner_lists_the_site_admin_docs_and_api_with_the_login():
    text = addresses("http://127.0.0.1:8000", "user 'admin', password 'admin'")
    for path in ("/", "/admin/", "/api/v1/docs/", "/api/v1/redoc/", "/api/v1/"):
        assert f"http://127.0.0.1:8000{path}" in text.split(), path
    assert "user 'admin', password 'admin'" in text
    assert "Ctrl-C" in text


# serialized_rollback, like every live-server test: a flushed database would lack the rows
# migrations make, which the autouse safety fixture builds on.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_banner_is_printed_once_the_server_answers(live_server):
    printed: list[str] = []
    announce_when_up(f"{live_server.url}/healthz", "up", printed.append)
    assert printed == ["up"]


def test_no_banner_for_a_server_that_never_answers():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    printed: list[str] = []
    announce_when_up(
        f"http://127.0.0.1:{port}/healthz", "up", printed.append, give_up_after_seconds=0.5
    )
    assert printed == []


def test_a_port_already_taken_is_refused_before_any_work():
    # No database here: the refusal must come before migrations and the content pack.
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        with pytest.raises(CommandError, match="PORT="):
            call_command("run_local", f"127.0.0.1:{port}")


@pytest.mark.django_db
@pytest.mark.bare_safety  # the pack brings its own safety screen and general contraindications
def test_make_run_twice_keeps_what_the_editor_did_in_between(settings):
    # `make run` prepares (migrate, load_content, the local admin), then serves (debug on).
    # Its first preparation loads the pack into an empty database: not the shipped_pack
    # fixture, which test_content_packs.py keeps loaded for its whole module.
    settings.DEBUG = True
    prepare(io.StringIO())
    edit_as_an_editor()
    prepare(io.StringIO())
    assert_editors_work_stands()


def group_alive(group: int, *, within_seconds: float) -> bool:
    """Whether a process of ``group`` is still there after ``within_seconds`` (the serving
    child shuts down on its own SIGINT, a moment after its parent)."""
    deadline = time.monotonic() + within_seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.1)
    return True
