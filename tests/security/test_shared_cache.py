"""Issue 21, items 5, 7 and 13: a stored answer is shared by everyone, so nothing a client can
spell freely may make a new one, and no request header may reach another client's answer.

Each test runs on the in-process cache and on Redis, where one answers.
"""

import gzip
import json

import brotli
import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.urls import reverse

from footcare.api.response_cache import recent
from footcare.api.views.sync import SyncView
from footcare.edge.tree import LIVE, link_name, write_tree
from routines.api.views import RoutineViewSet
from tests.factories import FootOutlineFactory, RoutineFactory, StepFactory, ZoneFactory
from tests.shared_cache import redis_cache
from zones.api.views import FootMapView, ZoneViewSet

pytestmark = pytest.mark.django_db

SYNC = reverse("v1:sync")
FOOT_MAP = reverse("v1:foot-map") + "?foot=left&view=plantar"
ZONES = reverse("v1:zone-list")
ROUTINE = reverse("v1:routine-detail", args=["calm"])

# Twenty ways to ask for JSON, each negotiated to it by every endpoint that answers JSON.
JSON_ACCEPTS = [
    None,
    "*/*",
    "application/json",
    "application/*",
    "APPLICATION/JSON",
    "application/json; q=1",
    "*/*;q=0.8",
    "text/html, */*;q=0.1",
    "application/json; indent=4",
    " application/json ",
    "application/json, text/plain",
    "text/plain, application/json;q=0.9",
    "application/json;charset=utf-8",
    "*/*; q=0.5",
    "application/*;q=0.2",
    "application/json, */*",
    "application/xml, application/json",
    "application/json; x=1",
    "application/json; x=2",
    "application/json; x=3",
]
SVG_ACCEPTS = [
    "image/svg+xml",
    "image/*",
    "image/svg+xml; q=0.9",
    "image/svg+xml;charset=utf-8",
    "text/html, image/svg+xml",
    "image/svg+xml; x=1",
    "image/png, image/svg+xml",
    "image/*; q=0.5",
]
# Spellings of English and of the codings: the language and the coding they choose are the same.
ENGLISH = ["", "en", "en-GB,en;q=0.9", "EN", "en-us", "de", "fr, en;q=0.5", "*", "x-klingon"]
CODINGS = ["", "gzip", "br", "gzip, deflate, br", "identity", "*", "deflate", "GZIP", "br;q=1"]


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    if request.param == "redis":
        settings.CACHES = {"default": redis_cache("footcare-test")}
    caches["default"].clear()
    yield request.param
    caches["default"].clear()


def stored_answers() -> int:
    """How many answers the shared cache holds (throttle counters and the like aside)."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        return sum(":repr:" in key for key in backend._cache)
    return len(backend._cache.get_client().keys("*:repr:*"))


@pytest.fixture
def renders(monkeypatch):
    """How many times each view drew an answer (stored answers are served without it)."""
    counted: dict[str, int] = {}

    def count(view, method):
        original = getattr(view, method)

        def counting(self, *args, **kwargs):
            counted[view.__name__] = counted.get(view.__name__, 0) + 1
            return original(self, *args, **kwargs)

        monkeypatch.setattr(view, method, counting)

    count(SyncView, "get")
    count(FootMapView, "get")
    count(ZoneViewSet, "list")
    count(RoutineViewSet, "retrieve")
    return counted


@pytest.fixture
def content(backend):
    FootOutlineFactory(view="plantar")
    zones = [ZoneFactory(slug=f"z{n}", recommended_pressure=1, max_pressure=3) for n in range(2)]
    routine = RoutineFactory(slug="calm", title_en="Calm", title_ru="Покой")
    StepFactory(routine=routine, pressure=1, zones=zones)
    routine.publish()


def decoded(response) -> bytes:
    coding = response.get("Content-Encoding")
    if coding == "gzip":
        return gzip.decompress(response.content)
    if coding == "br":
        return bytes(brotli.decompress(response.content))
    return response.content


def spelled(accepts: list[str | None]) -> list[dict[str, str]]:
    """One request's headers per Accept, each with another spelling of English and a coding."""
    requests = []
    for n, accept in enumerate(accepts):
        headers = {
            "HTTP_ACCEPT_LANGUAGE": ENGLISH[n % len(ENGLISH)],
            "HTTP_ACCEPT_ENCODING": CODINGS[n % len(CODINGS)],
        }
        if accept is not None:
            headers["HTTP_ACCEPT"] = accept
        requests.append(headers)
    return requests


@pytest.mark.parametrize(("path", "view"), [(SYNC, "SyncView"), (FOOT_MAP, "FootMapView")])
def test_twenty_spellings_of_the_same_answer_render_it_once_and_store_it_once(
    api, content, renders, path, view
):
    bodies = set()
    for headers in spelled(JSON_ACCEPTS):
        response = api.get(path, **headers)
        assert response.status_code == 200, headers
        assert response["Content-Type"] == "application/json"
        assert response["Content-Language"] == "en"
        bodies.add(decoded(response))
    assert renders[view] == 1
    assert len(bodies) == 1
    assert stored_answers() == 1
    assert len(recent.entries) == 1


def test_json_and_svg_of_the_foot_map_are_two_answers_however_they_are_asked(api, content, renders):
    for headers in spelled([*JSON_ACCEPTS[:8], *SVG_ACCEPTS]):
        api.get(FOOT_MAP, **headers)
    svg = api.get(FOOT_MAP, HTTP_ACCEPT="image/svg+xml")
    assert svg["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert svg.content.startswith(b"<svg")
    assert "Accept" in svg["Vary"]
    assert api.get(FOOT_MAP + "&format=svg").content == svg.content
    assert renders["FootMapView"] == 3  # JSON, SVG, and SVG asked with ?format=
    assert stored_answers() == 3


def test_revalidation_and_head_in_other_spellings_are_answered_from_the_stored_answer(
    api, content, renders
):
    etag = api.get(SYNC)["ETag"]
    for headers in spelled(JSON_ACCEPTS[1:]):
        assert api.get(SYNC, HTTP_IF_NONE_MATCH=etag, **headers).status_code == 304
        assert api.head(SYNC, **headers).status_code == 200
    assert renders["SyncView"] == 1
    assert stored_answers() == 1


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        (SYNC, "text/html"),
        (SYNC, "image/svg+xml"),
        (SYNC, ""),
        (FOOT_MAP, "text/html"),
        (FOOT_MAP + "&format=svg", "application/json"),
        ("the routine's drawing", "application/json"),
    ],
)
def test_a_request_that_selects_no_renderer_is_406_even_with_an_answer_stored(
    api, content, path, accept
):
    if path == "the routine's drawing":
        path = api.get(reverse("v1:routine-detail", args=["calm"])).json()["image"]["url"]
    assert api.get(path).status_code == 200  # stored
    before = stored_answers()
    refused = api.get(path, HTTP_ACCEPT=accept)
    assert refused.status_code == 406
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["status"] == 406
    assert stored_answers() == before


def next_link(response) -> str:
    return json.loads(decoded(response))["next"]


def test_a_host_port_never_reaches_another_clients_links(api, content, renders):
    page = ZONES + "?limit=1"
    attacker = api.get(page, HTTP_HOST="localhost:1")
    assert next_link(api.get(page, HTTP_HOST="localhost")).startswith("http://localhost/api/")
    assert next_link(api.get(page)).startswith("http://testserver/api/")
    # The port is the server's own or none: a link to a port nobody listens on helps nobody.
    assert next_link(attacker).startswith("http://localhost/api/")


def test_ports_the_server_does_not_listen_on_make_no_new_stored_answers(api, content, renders):
    page = ZONES + "?limit=1"
    for port in range(1, 21):
        response = api.get(page, HTTP_HOST=f"localhost:{port}")
        assert next_link(response) == "http://localhost/api/v1/zones/?limit=1&offset=1"
    assert renders["ZoneViewSet"] == 1
    assert stored_answers() == 1


def test_with_a_public_origin_links_start_with_it_whatever_the_host(
    api, content, renders, settings
):
    settings.PUBLIC_ORIGIN = "https://api.example.org"
    page = ZONES + "?limit=1"
    for host in ("localhost:1", "localhost", "127.0.0.1:8000", "testserver", "LOCALHOST:2"):
        response = api.get(page, HTTP_HOST=host)
        assert next_link(response) == "https://api.example.org/api/v1/zones/?limit=1&offset=1"
    assert renders["ZoneViewSet"] == 1
    assert stored_answers() == 1


def test_a_host_port_never_reaches_the_published_tree(api, backend, tmp_path):
    for n in range(51):  # a second page of zones
        ZoneFactory(slug=f"zone-{n:02d}")
    assert api.get(ZONES, HTTP_HOST="localhost:1").status_code == 200
    write_tree(tmp_path, origin="http://localhost")
    first = json.loads((tmp_path / LIVE / "en" / link_name(ZONES) / "body").read_bytes())
    assert first["next"] == "http://localhost/api/v1/zones/?limit=50&offset=50"
    assert (tmp_path / LIVE / "en" / link_name(ZONES + "?limit=50&offset=50")).exists()


def test_the_language_cookie_does_not_choose_api_answers(api, content, renders):
    english = api.get(ROUTINE)
    assert english.json()["title"] == "Calm"
    stored = stored_answers()
    api.cookies["django_language"] = "ru"
    with_cookie = api.get(ROUTINE)
    assert with_cookie.content == english.content
    assert with_cookie["Content-Language"] == "en"
    assert with_cookie["ETag"] == english["ETag"]
    assert "Cookie" not in with_cookie["Vary"]
    assert api.get(ROUTINE, HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 304
    assert renders["RoutineViewSet"] == 1
    assert stored_answers() == stored
    # What Vary names still chooses, cookie or not.
    api.cookies["django_language"] = "en"
    assert api.get(ROUTINE, HTTP_ACCEPT_LANGUAGE="ru").json()["title"] == "Покой"
    assert api.get(ROUTINE + "?lang=ru")["Content-Language"] == "ru"


def test_the_language_cookie_still_chooses_the_pages_for_people(client, db):
    client.cookies["django_language"] = "ru"
    assert client.get("/")["Content-Language"] == "ru"
    assert client.get("/admin/login/")["Content-Language"] == "ru"
