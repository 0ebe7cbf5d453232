"""The docs and admin pages in a real browser: they render under the Content-Security-Policy,
with no violation, and load nothing from any host but the service itself."""

from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
PAGES = {
    "/api/v1/docs/": ".swagger-ui .info .title",
    "/api/v1/redoc/": "h1",
    "/admin/": "#site-name",
    "/admin/routines/routine/add/": "#steps-group",
    "/admin/zones/zone/add/": "#id_name_en",
}


@pytest.fixture
def boss():
    # Made before the browser starts: Playwright runs an event loop, where the ORM may not.
    return User.objects.create_superuser("boss", password="a-long-passphrase")


@pytest.mark.parametrize("path", PAGES)
def test_a_page_renders_under_its_policy_and_stays_on_the_machine(
    live_server, boss, browser_page, path
):
    page = browser_page
    hosts: set[str] = set()
    violations: list[str] = []
    # Requests that went out and were answered (a request the policy blocks never leaves).
    page.on(
        "requestfinished",
        lambda request: (
            hosts.add(urlparse(request.url).netloc) if request.url.startswith("http") else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "a-long-passphrase")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    page.goto(f"{live_server.url}{path}")
    page.wait_for_selector(PAGES[path], timeout=20_000)
    page.wait_for_load_state("networkidle")
    # Redoc's bundle always adds a "by Redocly" logo from its CDN; the policy blocks it (the
    # browser says so on the console, and the image removes itself). Nothing else may be tried.
    assert [text for text in violations if REDOC_LOGO not in text] == []
    foreign = hosts - {urlparse(live_server.url).netloc}
    assert foreign <= {urlparse(REDOC_LOGO).netloc}, foreign
    if foreign:
        assert any(REDOC_LOGO in text and "blocked" in text for text in violations)
