"""Input no honest client sends gets a clear 4xx before any work, and leaves no trace it chose."""

import io
import logging

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from footcare.logfilters import EscapeControlCharacters
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
    with pytest.raises(CommandError, match=r"footcare\.E001"):
        call_command("check", "--deploy", stdout=io.StringIO(), stderr=io.StringIO())
