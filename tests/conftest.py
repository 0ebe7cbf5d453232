import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
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


@pytest.fixture
def editor(client):
    """The test client, logged in as a staff member of the Editors group (no superuser)."""
    user = User.objects.create_user("edith", password="a-long-passphrase", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def boss(client):
    """The test client, logged in as a superuser."""
    client.force_login(User.objects.create_superuser("boss", password="a-long-passphrase"))
    return client
