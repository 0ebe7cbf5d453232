"""HTTP caching and stored representations, on the in-process cache and on Redis."""

import gzip
import os

import brotli
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from footcare.api import response_cache as representations
from footcare.api.response_cache import RecentRepresentations, Representation
from routines.models import Routine
from tests.factories import RoutineFactory, StepFactory, ZoneFactory
from tests.shared_cache import redis_cache
from zones.models import Zone

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    if request.param == "redis":
        settings.CACHES = {"default": redis_cache("footcare-test")}
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture
def published(backend):
    zone = ZoneFactory(
        slug="webs", name_en="Between the toes", recommended_pressure=1, max_pressure=2
    )
    routine = RoutineFactory(slug="calm", title_en="Calm", title_ru="Покой")
    for title in ("one", "two"):
        StepFactory(routine=routine, title_en=title, pressure=1, zones=[zone])
    routine.publish()
    return routine


LIST = reverse("v1:routine-list")
DETAIL = reverse("v1:routine-detail", args=["calm"])


def test_answers_carry_validators_and_cache_headers(api, published):
    response = api.get(LIST)
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert response["Last-Modified"].endswith("GMT")
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600"
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert {"Accept-Language", "Accept-Encoding"} <= vary
    assert api.head(LIST)["ETag"] == response["ETag"]


def test_a_stored_answer_costs_one_query_the_version(api, published, django_assert_num_queries):
    first = api.get(DETAIL)
    with django_assert_num_queries(1):
        again = api.get(DETAIL)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_answers_stored_by_another_release_are_not_served(
    api, published, monkeypatch, django_assert_max_num_queries
):
    api.get(DETAIL)  # stored, by this release
    monkeypatch.setattr(representations, "FORMAT", "next-release")  # a deploy, same content
    with django_assert_max_num_queries(100) as queries:
        api.get(DETAIL)
    assert len(queries) > 1  # made again from the database, not the stored bytes


def test_the_release_and_the_contract_make_the_format(settings):
    assert representations._format() == representations.FORMAT
    settings.API_RELEASE = "2026-12-01"
    assert representations._format() != representations.FORMAT


@pytest.mark.parametrize(
    "header",
    [
        lambda etag: {"HTTP_IF_NONE_MATCH": etag},
        lambda etag: {"HTTP_IF_NONE_MATCH": f'"something-else", {etag}'},
        lambda etag: {"HTTP_IF_NONE_MATCH": "*"},
        lambda etag: {"HTTP_IF_NONE_MATCH": f"W/{etag}"},
    ],
    ids=["exact", "in-a-list", "star", "weak-form"],
)
def test_revalidation_is_304_without_work(api, published, django_assert_num_queries, header):
    etag = api.get(LIST)["ETag"]
    with django_assert_num_queries(1):
        response = api.get(LIST, **header(etag))
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since(api, published):
    last_modified = api.get(LIST)["Last-Modified"]
    assert api.get(LIST, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert api.get(LIST, HTTP_IF_MODIFIED_SINCE=old).status_code == 200
    # If-None-Match wins when both are sent.
    assert (
        api.get(
            LIST, HTTP_IF_MODIFIED_SINCE=last_modified, HTTP_IF_NONE_MATCH='"other"'
        ).status_code
        == 200
    )


def test_gzip_copy(api, published):
    plain = api.get(LIST)
    zipped = api.get(LIST, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert zipped["ETag"] != plain["ETag"]
    # Either variant's tag revalidates.
    assert (
        api.get(LIST, HTTP_IF_NONE_MATCH=plain["ETag"], HTTP_ACCEPT_ENCODING="gzip").status_code
        == 304
    )
    assert "Content-Encoding" not in api.get(LIST, HTTP_ACCEPT_ENCODING="gzip;q=0")


def test_brotli_copy_when_the_client_takes_it(api, published):
    plain = api.get(LIST)
    squeezed = api.get(LIST, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert squeezed["Content-Encoding"] == "br"
    assert brotli.decompress(squeezed.content) == plain.content
    assert len(squeezed.content) < len(gzip.compress(plain.content))
    tags = {plain["ETag"], squeezed["ETag"], api.get(LIST, HTTP_ACCEPT_ENCODING="gzip")["ETag"]}
    assert len(tags) == 3  # each coding's bytes have their own validator
    for tag in tags:  # and any of them revalidates any coding
        assert api.get(LIST, HTTP_IF_NONE_MATCH=tag, HTTP_ACCEPT_ENCODING="br").status_code == 304
    assert api.get(LIST, HTTP_ACCEPT_ENCODING="br;q=0, gzip")["Content-Encoding"] == "gzip"


def test_languages_are_stored_apart(api, published):
    english = api.get(DETAIL, HTTP_ACCEPT_LANGUAGE="en")
    russian = api.get(DETAIL, HTTP_ACCEPT_LANGUAGE="ru")
    assert english.json()["title"] == "Calm" and russian.json()["title"] == "Покой"
    assert russian["Content-Language"] == "ru" and english["Content-Language"] == "en"
    assert api.get(DETAIL + "?lang=ru").json()["title"] == "Покой"


def tags(api, *urls, language="en"):
    return [api.get(url, HTTP_ACCEPT_LANGUAGE=language)["ETag"] for url in urls]


def change_zone_name(routine):
    zone = Zone.objects.get(slug="webs")
    zone.name_en = "Toe webs"
    zone.save()


def translate(routine):
    routine.title_ru = "Спокойствие"
    routine.save()


def reorder(routine):
    one, two = routine.steps.all()
    one.position, two.position = 2, 1
    one.save()
    two.save()


def edit_step(routine):
    step = routine.steps.first()
    step.duration_seconds = 120
    step.save()


@pytest.mark.parametrize(
    ("change", "language"),
    [(change_zone_name, "en"), (translate, "ru"), (reorder, "en"), (edit_step, "en")],
)
def test_every_visible_change_changes_the_validators_that_show_it(api, published, change, language):
    before = tags(api, LIST, DETAIL, language=language)
    change(published)
    after = tags(api, LIST, DETAIL, language=language)
    assert after[1] != before[1]  # the detail shows every one of these changes
    if change in (translate, edit_step):
        assert after[0] != before[0]  # the list shows titles and total durations


def test_publish_withdraw_and_delete_reach_the_list_at_once(api, published):
    before = api.get(LIST)["ETag"]
    published.withdraw()
    withdrawn = api.get(LIST)
    assert withdrawn.json()["count"] == 0 and withdrawn["ETag"] != before
    assert api.get(DETAIL).status_code == 404
    published.publish()
    assert api.get(LIST).json()["count"] == 1
    Routine.objects.get(slug="calm").delete()
    assert api.get(LIST).json()["count"] == 0


def test_a_draft_change_keeps_every_validator(api, published, django_assert_num_queries):
    draft = RoutineFactory(slug="draft")
    StepFactory(routine=draft)
    before = tags(api, LIST, DETAIL)
    draft.title_en = "Still a draft"
    draft.save()
    StepFactory(routine=draft)
    with django_assert_num_queries(2):  # one version lookup per answer, nothing rebuilt
        assert tags(api, LIST, DETAIL) == before


def test_warming_stores_every_language(api, backend, django_assert_num_queries, capsys, settings):
    # For the clients of the public origin, as in production; without one, answers are stored
    # apart for each host their links name, and warming cannot know the hosts clients use.
    settings.PUBLIC_ORIGIN = "https://footcare.example"
    call_command("load_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("warm_cache")
    assert "Stored" in capsys.readouterr().out
    with django_assert_num_queries(4):  # the version lookup of each of the four answers
        for language in ("en", "ru"):
            assert api.get(LIST, HTTP_ACCEPT_LANGUAGE=language).status_code == 200
            assert (
                api.get(
                    reverse("v1:zone-detail", args=["liver"]), HTTP_ACCEPT_LANGUAGE=language
                ).status_code
                == 200
            )


def test_with_the_cache_down_answers_come_from_the_database(api, settings):
    routine = RoutineFactory(slug="calm")
    StepFactory(routine=routine)
    routine.publish()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    response = api.get(DETAIL)
    assert response.status_code == 200
    assert response.json()["slug"] == "calm"
    assert "ETag" in response


@pytest.mark.parametrize("count", [20, 200])
def test_routine_list_costs_at_most_11_queries_on_a_miss_and_1_on_a_hit(
    api, backend, count, django_assert_max_num_queries, django_assert_num_queries
):
    zone = ZoneFactory(slug="webs")
    for n in range(count):
        routine = RoutineFactory(slug=f"r{n:03d}")
        StepFactory(routine=routine, zones=[zone])
        routine.publish()
    url = LIST + "?limit=500"
    # The version (no stored answer), the version again in the view's snapshot, then the
    # list's own three at most, and six for what the drawn pictures' addresses digest: the
    # steps, their zones, the zones' and areas' shapes, the outlines and landmark lines
    # (routines.api.pictures). The same at 20 routines and 200.
    with django_assert_max_num_queries(11):
        miss = api.get(url)
    assert miss.json()["count"] == count
    with django_assert_num_queries(1):
        assert api.get(url).content == miss.content


def test_the_process_memory_keeps_the_newest_answers_within_its_budget():
    def answer(size):
        body = b"x" * size
        return Representation(
            {"body": body, "gzip": b"", "br": b"", "etag": '"e"', "last_modified": 0, "headers": {}}
        )

    memory = RecentRepresentations(budget_bytes=1000)
    for name in "abcde":
        memory.put(name, answer(200))
    assert memory.get("a") is not None  # now the most recently used
    memory.put("f", answer(200))  # over budget: the least recently used goes
    assert memory.get("b") is None
    assert all(memory.get(name) is not None for name in "acdef")
    memory.put("huge", answer(300))  # more than a quarter of the budget: never kept
    assert memory.get("huge") is None and memory.used <= 1000


def test_a_command_warms_a_shared_cache_but_not_its_own_memory(published, backend):
    # load_content publishes routines and exits: answers stored in its own memory die unread.
    with representations.in_a_process_that_exits_when_done():
        built = representations.warm([LIST, DETAIL])
    assert built == (4 if backend == "redis" else 0)
    assert representations.warm([LIST, DETAIL]) == 4  # a serving process always warms
