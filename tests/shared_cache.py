"""The Redis that cache tests share: a database of its own per test process (pytest-xdist's
workers clear it between tests)."""

import os
import socket
from typing import Any

import pytest

_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = os.environ.get("FOOTCARE_TEST_REDIS_URL", f"redis://127.0.0.1:6379/{15 - _WORKER}")


def redis_is_up() -> bool:
    host, port = REDIS_URL.split("//")[1].split("/")[0].split(":")
    try:
        socket.create_connection((host, int(port)), timeout=0.5).close()
    except OSError:
        return False
    return True


def redis_cache(key_prefix: str) -> dict[str, Any]:
    """A ``CACHES`` entry on the test Redis. Skips the test where no Redis answers, and fails
    it where CI says Redis must be there (FOOTCARE_REQUIRE_REDIS)."""
    if not redis_is_up():
        if os.environ.get("FOOTCARE_REQUIRE_REDIS"):
            pytest.fail(f"FOOTCARE_REQUIRE_REDIS is set but no Redis answers at {REDIS_URL}")
        pytest.skip(f"SKIPPED Redis pass: no Redis at {REDIS_URL}")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": key_prefix,
    }
