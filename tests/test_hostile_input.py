"""Input no honest client sends gets a clear 4xx before any work, and leaves no trace it chose."""

import io
import logging

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from footcare.logging import EscapeControlCharacters
from tests.factories import ZoneFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/zones/a%00b/",
        "/api/v1/routines/a%00b/",
        "/api/v1/body-parts/a%0Ab/",
        "/api/v1/benefits/%7F/",
        "/api/v1/techniques/a%00/",
        "/api/v1/contraindications/%00/",
    ],
)
def test_a_control_character_in_a_path_is_a_404_problem(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("query", ["search=a%00b", "foot=left%0A", "lang=en%00", "a%00=1"])
def test_a_control_character_in_a_parameter_is_a_400_problem(api, query):
    response = api.get(f"{reverse('v1:zone-list')}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "Control characters" in response.json()["errors"][0]["message"]


def test_the_admin_refuses_them_in_plain_words(client):
    assert client.get("/admin/%00/").status_code == 404
    response = client.get("/admin/?q=%00")
    assert response.status_code == 400
    assert b"Control characters" in response.content


def test_a_foreign_host_gets_no_stored_answer(api):
    ZoneFactory(slug="liver")
    url = reverse("v1:zone-detail", args=["liver"])
    assert api.get(url).status_code == 200  # now stored
    forged = api.get(url, HTTP_HOST="evil.example")
    assert forged.status_code == 400
    assert forged["Content-Type"] == "application/problem+json"


def test_every_answer_forbids_framing(api):
    ZoneFactory(slug="liver")
    url = reverse("v1:zone-detail", args=["liver"])
    assert api.get(url)["X-Frame-Options"] == "DENY"
    assert api.get(url)["X-Frame-Options"] == "DENY"  # the stored answer too


def test_a_newline_in_a_path_cannot_forge_a_log_line():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s",
        ("/api/v1/zones/x\nINFO forged\x00",), None,
    )  # fmt: skip
    assert EscapeControlCharacters().filter(record)
    assert record.getMessage() == "Not Found: /api/v1/zones/x\\nINFO forged\\x00"


def test_the_console_log_escapes_what_a_client_chose(client):
    handler = next(h for h in logging.getLogger().handlers if h.filters)
    stream, handler.stream = handler.stream, io.StringIO()
    try:
        client.get("/nothing%0AERROR forged line")
        written = handler.stream.getvalue()
    finally:
        handler.stream = stream
    assert "forged line" in written
    assert not any(line.startswith("ERROR forged") for line in written.splitlines())


def test_check_deploy_fails_on_a_weak_secret(settings):
    settings.SECRET_KEY = "short"
    # Only the security checks: the others read state that tests in the same process may
    # have changed (admin classes, the schema generator), which is not what this is about.
    with pytest.raises(CommandError, match=r"footcare\.E001"):
        call_command(
            "check", "--deploy", "--tag", "security", stdout=io.StringIO(), stderr=io.StringIO()
        )


@pytest.mark.parametrize("limit", ["501", " 5", "٥", "5_0", "-1", "0", "1e3", "99999999999"])
def test_a_limit_that_is_not_a_plain_number_in_range_is_a_400(api, limit):
    response = api.get(reverse("v1:zone-list"), {"limit": limit})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "limit"


@pytest.mark.parametrize("offset", ["-1", " 1", "1.0", "١"])
def test_an_offset_that_is_not_a_plain_number_is_a_400(api, offset):
    assert api.get(reverse("v1:zone-list"), {"offset": offset}).status_code == 400


def test_the_largest_page_is_accepted(api):
    assert api.get(reverse("v1:zone-list"), {"limit": "500", "offset": "0"}).status_code == 200


@pytest.mark.parametrize(
    ("search", "problem"),
    [(" ".join(["foot"] * 11), "at most 10 words"), ("x" * 65, "at most 64 characters")],
)
def test_a_search_past_its_limits_is_a_clear_400(api, search, problem):
    for url in (reverse("v1:zone-list"), reverse("v1:routine-list")):
        response = api.get(url, {"search": search})
        assert response.status_code == 400
        assert problem in response.json()["errors"][0]["message"]
    assert api.get(reverse("v1:zone-list"), {"search": " ".join(["foot"] * 10)}).status_code == 200


@pytest.mark.parametrize("words", [12, 1500])
def test_an_admin_search_past_its_limits_is_a_message_not_a_timeout(admin_client, words):
    ZoneFactory(slug="liver")
    response = admin_client.get(
        reverse("admin:zones_zone_changelist"), {"q": " ".join(["печень"] * words)}
    )
    assert response.status_code == 200
    assert "Search for at most 10 words at a time." in response.content.decode()


def test_an_unknown_query_parameter_is_a_400_naming_it(api):
    ZoneFactory(slug="liver")
    response = api.get(reverse("v1:zone-list"), {"utm_source": "mail", "foot": "left"})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["utm_source"]
    assert "foot" in response.json()["errors"][0]["message"]  # it says what the endpoint takes
    detail = api.get(reverse("v1:zone-detail", args=["liver"]), {"colour": "red"})
    assert detail.status_code == 400
    sync = api.get(reverse("v1:sync"), {"since": "yesterday"})
    assert sync.status_code == 400 and sync.json()["errors"][0]["field"] == "since"


def test_rate_limit_headers_say_where_a_client_stands(api, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    ZoneFactory(slug="liver")
    url = reverse("v1:zone-detail", args=["liver"])
    first, second = api.get(url), api.get(url)  # the second is a stored answer
    assert first["RateLimit-Policy"] == "3;w=60"
    assert first["RateLimit"].startswith("limit=3, remaining=2, reset=")
    assert second["RateLimit"].startswith("limit=3, remaining=1, reset=")


def test_a_forged_forwarded_for_does_not_escape_the_limit(api, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    url = reverse("v1:zone-list")
    statuses = [api.get(url, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(api, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    settings.TRUSTED_PROXIES = 1
    url = reverse("v1:zone-list")
    for client in ("198.51.100.1", "198.51.100.2"):
        # The client may prepend anything; the proxy appends the address it saw.
        for _ in range(2):
            forwarded = f"10.9.9.9, {client}"
            assert api.get(url, HTTP_X_FORWARDED_FOR=forwarded).status_code == 200
    assert api.get(url, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1").status_code == 429
