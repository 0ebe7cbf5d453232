"""A newcomer or an app finds its way: a front page, an API index, audiences, and lengths."""

import pytest
from django.urls import reverse

from tests.factories import AudienceFactory, ZoneFactory, without_ids

pytestmark = pytest.mark.django_db


def test_the_front_page_says_what_this_is_and_links_everywhere(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "not a diagnostic method" in html
    for target in ("/admin/", "/api/v1/", "/api/v1/docs/", "/api/v1/redoc/", "/api/v1/schema/"):
        assert f'href="{target}"' in html, target
    russian = client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'lang="ru"' in russian and "Администрирование" in russian


def test_the_admins_view_site_link_leads_to_the_front_page(admin_client, client):
    assert 'href="/"' in admin_client.get(reverse("admin:index")).content.decode()
    assert client.get("/").status_code == 200


def test_audiences_are_listed_in_the_requested_language(api):
    AudienceFactory(slug="athletes", name_en="Athletes", name_ru="Спортсмены")
    listed = api.get(reverse("v1:audience-list"), HTTP_ACCEPT_LANGUAGE="ru").json()["results"]
    assert {"slug": "athletes", "name": "Спортсмены"} in without_ids(listed)
    one = api.get(reverse("v1:audience-detail", args=["athletes"]))
    assert without_ids(one.json()) == {"slug": "athletes", "name": "Athletes"}


@pytest.mark.parametrize(
    "path",
    ["/api/v1/zones/", "/api/v1/zones/?bogus=1", "/api/v1/zones/nowhere/", "/healthz", "/"],
)
def test_every_answer_with_a_body_says_its_length(api, path):
    ZoneFactory(slug="liver")
    for _ in range(2):  # the second answer of a cacheable path is the stored one
        response = api.get(path)
        assert int(response["Content-Length"]) == len(response.content), path


def test_a_not_modified_answer_has_no_length_of_its_own(api):
    ZoneFactory(slug="liver")
    etag = api.get("/api/v1/zones/")["ETag"]
    again = api.get("/api/v1/zones/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.has_header("Content-Length")


def test_texts_that_fell_back_to_english_are_named(api):
    ZoneFactory(
        slug="liver", name_en="Liver", name_ru="Печень", caution_en="Gently.", caution_ru=""
    )
    url = reverse("v1:zone-detail", args=["liver"])
    for _ in range(2):  # made, then stored: the stored answer keeps the header
        russian = api.get(url, HTTP_ACCEPT_LANGUAGE="ru")
        assert russian.json()["caution"] == "Gently."
        assert russian["Translation-Fallback"] == "zone.caution"
    assert not api.get(url, HTTP_ACCEPT_LANGUAGE="en").has_header("Translation-Fallback")
    listed = api.get(reverse("v1:zone-list"), HTTP_ACCEPT_LANGUAGE="ru")
    assert not listed.has_header("Translation-Fallback")  # the list shows no caution


# Last: the shipped pack, loaded once for the module, stays for the tests after the first
# that asks for it.
def test_the_api_index_links_every_collection_and_every_link_answers(api, shipped_pack):
    index = api.get(reverse("v1:index"))
    assert index.status_code == 200
    body = index.json()
    names = [link["name"] for link in body["resources"]]
    assert {"zones", "routines", "audiences", "sync", "safety", "foot_map"} <= set(names)
    assert [link["name"] for link in body["documents"]] == ["schema", "docs", "redoc"]
    for link in body["resources"] + body["documents"]:
        assert api.get(link["href"]).status_code == 200, link["href"]
