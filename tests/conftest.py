import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from footcare.api.representations import breaker, recent


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Throttle counters and stored responses must not leak from one test into the next (each
    # test's database starts the journal again, so versions repeat from test to test).
    cache.clear()
    recent.clear()
    breaker.closed_after = 0.0
