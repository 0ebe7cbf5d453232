"""The front page, the docs pages and every admin page in a real browser: they render under
the Content-Security-Policy with no violation, and request nothing from any host but the
service itself (not even a request the policy would block)."""

import time
from urllib.parse import urlparse

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# What shows that a page has rendered; an admin page without an entry shows its content.
RENDERED = {
    "/": "h1",
    "/api/v1/docs/": ".swagger-ui .info .title",
    "/api/v1/redoc/": "h1",
    "/admin/": "#site-name",
    "/admin/routines/routine/add/": "#steps-group",
    "/admin/zones/zone/add/": "#id_name_en",
}
ADMIN_CONTENT = "#content-main"
# Schemes that never leave the page: inline pictures and fonts, workers made from a blob.
LOCAL_SCHEMES = {"data", "blob", "about"}


def admin_pages(user: User) -> list[str]:
    """The admin index, and each registered model's changelist and add page (where a
    superuser may add: some models are made once, by a migration)."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"{name}_add"))
    return pages


class Network:
    """A page's requests in flight, to tell when it has gone quiet.

    Playwright's "networkidle" waits for half a second without a request after every page,
    a third of this test's time over forty pages; a page whose requests have all finished
    and that starts none for a tenth of that has done what its load asked of it.
    """

    QUIET = 0.15  # seconds without a request in flight

    def __init__(self, page) -> None:
        self.in_flight = 0
        self.last_change = time.monotonic()
        page.on("request", lambda _request: self._count(1))
        page.on("requestfinished", lambda _request: self._count(-1))
        page.on("requestfailed", lambda _request: self._count(-1))

    def _count(self, change: int) -> None:
        self.in_flight += change
        self.last_change = time.monotonic()

    def wait_until_quiet(self, page, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while self.in_flight > 0 or time.monotonic() - self.last_change < self.QUIET:
            assert time.monotonic() < deadline, f"{self.in_flight} requests still in flight"
            page.wait_for_timeout(25)  # lets Playwright deliver the page's events


@pytest.fixture
def pages() -> list[str]:
    # Made before the browser starts: Playwright runs an event loop, where the ORM may not.
    boss = User.objects.create_superuser("boss", password="a-long-passphrase")
    return ["/", "/api/v1/docs/", "/api/v1/redoc/", *admin_pages(boss)]


def test_no_page_requests_another_host_or_breaks_its_policy(live_server, pages, browser_page):
    page = browser_page
    here = urlparse(live_server.url).netloc
    requested: list[tuple[str, str]] = []  # (page, URL)
    violations: list[tuple[str, str]] = []
    current = ["/admin/login/"]
    # "request", not "requestfinished": a request the policy blocks never finishes, and it
    # still tells whoever watches the network that the page tried.
    page.on("request", lambda request: requested.append((current[0], request.url)))
    page.on(
        "console",
        lambda message: (
            violations.append((current[0], message.text))
            if "Content Security Policy" in message.text
            else None
        ),
    )

    network = Network(page)
    page.goto(f"{live_server.url}/admin/login/")
    network.wait_until_quiet(page)
    page.fill("#id_username", "boss")
    page.fill("#id_password", "a-long-passphrase")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    for path in pages:
        current[0] = path
        page.goto(f"{live_server.url}{path}")
        page.wait_for_selector(RENDERED.get(path, ADMIN_CONTENT), timeout=20_000)
        network.wait_until_quiet(page)

    foreign = [
        (path, url)
        for path, url in requested
        if urlparse(url).scheme not in LOCAL_SCHEMES and urlparse(url).netloc != here
    ]
    assert foreign == []
    assert violations == []
    visited = {path for path, _url in requested}
    assert visited == {"/admin/login/", *pages}, "a page made no request at all"
    assert len(pages) > 30  # the admin is covered model by model
