"""Faults answer fast and clearly: a database or cache that is down or hangs.

Each test starts the service in a process of its own, pointed at a dependency that refuses
connections or accepts them and never answers (a socket server of the test's own).
"""

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from django.urls import reverse

from tests.factories import TechniqueFactory
from tests.servers import Server, free_port

ZONES = reverse("v1:zone-list")


class SilentServer:
    """Accepts TCP connections on 127.0.0.1 and never says a word: a hanging dependency."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self) -> None:
        self.socket.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def timed_get(server: Server, path: str) -> tuple[float, int, dict[str, str], bytes]:
    started = time.monotonic()
    status, headers, body = server.get(path)
    return time.monotonic() - started, status, headers, body


def assert_unavailable(status: int, headers: dict[str, str], body: bytes) -> None:
    assert status == 503
    assert headers["Content-Type"] == "application/problem+json"
    assert int(headers["Retry-After"]) > 0
    assert json.loads(body)["status"] == 503


@pytest.mark.server
def test_a_database_that_refuses_connections_is_a_503_problem_within_the_connect_timeout():
    # gunicorn.conf.py's workers take connections from a pool, whose requests wait up to the
    # connect timeout for one, whatever keeps the pool from having it.
    server = Server(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/nothing",
        DJANGO_DB_CONNECT_TIMEOUT="1",
    )
    try:
        for path in (ZONES, reverse("v1:zone-detail", args=["liver"]), reverse("v1:sync")):
            seconds, status, headers, body = timed_get(server, path)
            assert_unavailable(status, headers, body)
            assert seconds < 2
        status, headers, body = server.get("/readyz")
        assert status == 503 and "database is unreachable" in json.loads(body)["detail"]
        assert server.get("/healthz")[0] == 200  # the process itself is alive
    finally:
        server.stop()


@pytest.mark.server
def test_a_database_that_hangs_is_a_503_problem_within_the_connect_timeout(silent):
    server = Server(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{silent.port}/nothing",
        DJANGO_DB_CONNECT_TIMEOUT="2",
    )
    try:
        seconds, status, headers, body = timed_get(server, ZONES)
        assert_unavailable(status, headers, body)
        assert 1.5 < seconds < 6  # the configured timeout, not gunicorn's 30 s
    finally:
        server.stop()


@pytest.mark.server
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_redis_that_hangs_costs_at_most_a_second_then_nothing(silent):
    TechniqueFactory(slug="kneading")
    detail = reverse("v1:technique-detail", args=["kneading"])
    healthy = Server()
    hanging = Server(REDIS_URL=f"redis://127.0.0.1:{silent.port}/0")
    try:
        normal, status, _, _ = timed_get(healthy, detail)
        assert status == 200
        timings = []
        for _ in range(5):
            seconds, status, _, body = timed_get(hanging, detail)
            assert status == 200 and json.loads(body)["slug"] == "kneading"
            timings.append(seconds)
        assert timings[0] < normal + 1  # one socket timeout, then the breaker opens
        assert max(timings[1:]) < normal + 0.2
        status, _, body = hanging.get("/readyz")
        assert status == 200 and json.loads(body)["cache"] == "unavailable"
    finally:
        healthy.stop()
        hanging.stop()
