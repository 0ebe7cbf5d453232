import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
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
    # A request's language stays active in the thread after it (as in any worker, where the
    # next request chooses again); tests that call code directly start from the default.
    translation.activate(settings.LANGUAGE_CODE)
