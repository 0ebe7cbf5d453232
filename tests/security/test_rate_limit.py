"""Item 12 of the security review: the API rate limit is one count across workers and servers.

Before: each gunicorn worker counted in its own memory (2 workers, 5/minute: 10 passed), and
DRF's throttle read, appended and wrote back a list, so concurrent requests on a shared cache
were counted once between them.
"""

import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from deploy.ports import free_port
from footcare.api.throttling import ClientRateThrottle
from tests.servers import ROOT, child_environment
from tests.shared_cache import REDIS_URL, redis_cache


@pytest.fixture
def redis(settings):
    settings.CACHES = {"default": redis_cache("footcare")}  # the servers' own prefix
    cache.clear()
    yield REDIS_URL
    cache.clear()


def test_concurrent_requests_are_each_counted(redis, settings):
    settings.API_THROTTLE_RATE = "10/minute"
    start = threading.Barrier(40)
    allowed: list[bool] = []

    def one_request() -> None:
        request = RequestFactory().get("/api/v1/zones/", REMOTE_ADDR="198.51.100.7")
        throttle = ClientRateThrottle()
        start.wait()
        allowed.append(throttle.allow_request(request, None))

    threads = [threading.Thread(target=one_request) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 10


def test_a_rate_without_a_shared_cache_is_a_check_error(settings):
    from footcare.checks import rate_limit_is_shared

    settings.API_THROTTLE_RATE = "5/minute"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [problem.id for problem in rate_limit_is_shared(None)] == ["footcare.E002"]
    settings.API_THROTTLE_RATE = None
    assert rate_limit_is_shared(None) == []


def test_a_rate_with_redis_passes_the_check(redis, settings):
    from footcare.checks import rate_limit_is_shared

    settings.API_THROTTLE_RATE = "5/minute"
    assert rate_limit_is_shared(None) == []


@pytest.mark.django_db
def test_with_the_shared_cache_down_requests_are_served(api, settings):
    settings.API_THROTTLE_RATE = "5/minute"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    assert [api.get("/api/v1/").status_code for _ in range(7)] == [200] * 7


def start_gunicorn(workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "footcare.wsgi", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=child_environment(REDIS_URL=REDIS_URL, DJANGO_API_THROTTLE_RATE="5/minute"),
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return process, port
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def status(port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/", timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.server
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_servers_of_two_workers_count_one_limit(redis):
    servers = [start_gunicorn(workers=2) for _ in range(2)]
    try:
        statuses: list[int] = []
        lock = threading.Lock()

        def burst(port: int) -> None:
            for _ in range(5):
                code = status(port)
                with lock:
                    statuses.append(code)

        threads = [threading.Thread(target=burst, args=(port,)) for _, port in servers * 2]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for process, _port in servers:
            process.terminate()
            process.wait(timeout=10)
    assert sorted(statuses) == [200] * 5 + [429] * 15
