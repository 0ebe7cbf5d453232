"""The language of an answer: ``?lang=`` and ``Accept-Language`` read tags the same way.

Issue 24, point 6: ``Accept-Language: RU`` was Russian while ``?lang=RU`` and ``?lang=ru-RU`` were
400, and ``Accept-Language: ru_RU`` was silently English.
"""

import pytest
from django.urls import reverse

from footcare.api.response_cache import recent

pytestmark = pytest.mark.django_db

ZONES = reverse("v1:zone-list")

# (what the client sends, the language served; None: a 400 problem naming `lang`)
PARAMETER_FORMS = [
    ("ru", "ru"),
    ("RU", "ru"),
    ("Ru", "ru"),
    ("ru-RU", "ru"),
    ("ru-ru", "ru"),
    ("RU-ru", "ru"),
    ("ru_RU", "ru"),
    ("ru-Cyrl-RU", "ru"),
    ("en", "en"),
    ("EN", "en"),
    ("en-GB", "en"),
    ("en_US", "en"),
    ("xx", None),  # a language the service does not have
    ("xx-RU", None),  # a region of Russia is not Russian
    ("", None),
    ("ru-", None),
    ("ru;q=0.8", None),  # a header's syntax, not a tag
    ("r u", None),
    ("*", None),
]

HEADER_FORMS = [
    ("ru", "ru"),
    ("RU", "ru"),
    ("ru-RU", "ru"),
    ("ru_RU", "ru"),
    ("RU-ru", "ru"),
    ("ru-ru;q=0.8", "ru"),
    ("ru_RU, en;q=0.9", "ru"),
    ("ru;q=0.5, en", "en"),  # the higher weight wins
    ("en;q=0.5, ru;q=0.5", "en"),  # the first of equal weights
    ("en;q=0, ru_RU;q=0.1", "ru"),  # q=0 refuses a language
    ("de-DE,de;q=0.9,ru;q=0.8", "ru"),  # the first language the service has
    ("xx, RU;q=0.3", "ru"),
    ("en-GB", "en"),
    ("EN", "en"),
    ("xx", "en"),  # none it has: the default
    ("*", "en"),
    ("", "en"),
    ("ru;q=abc", "en"),  # a weight that is no number: that entry does not count
    ("ru;q=2", "en"),  # nor one above 1
    (";;,,", "en"),
]


def served(response) -> str | None:
    if response.status_code == 400:
        assert response["Content-Type"] == "application/problem+json"
        assert {error["field"] for error in response.json()["errors"]} == {"lang"}
        return None
    assert response.status_code == 200, response.content
    return response["Content-Language"]


@pytest.mark.parametrize(("value", "language"), PARAMETER_FORMS)
def test_the_lang_parameter_reads_a_tag_in_any_common_spelling(api, catalogue, value, language):
    assert served(api.get(ZONES, {"lang": value})) == language


@pytest.mark.parametrize(("value", "language"), HEADER_FORMS)
def test_accept_language_reads_tags_as_the_parameter_does(api, catalogue, value, language):
    assert served(api.get(ZONES, HTTP_ACCEPT_LANGUAGE=value)) == language


@pytest.mark.parametrize(("value", "language"), [f for f in PARAMETER_FORMS if f[1]])
def test_a_tag_means_the_same_in_the_header_and_the_parameter(api, catalogue, value, language):
    assert served(api.get(ZONES, HTTP_ACCEPT_LANGUAGE=value)) == language


def test_the_parameter_wins_over_the_header(api, catalogue):
    assert served(api.get(ZONES, {"lang": "ru_RU"}, HTTP_ACCEPT_LANGUAGE="en")) == "ru"
    assert served(api.get(ZONES, {"lang": "EN"}, HTTP_ACCEPT_LANGUAGE="ru")) == "en"


def test_a_refused_tag_says_which_spellings_are_read(api, catalogue):
    message = api.get(ZONES, {"lang": "xx"}).json()["errors"][0]["message"]
    assert "en, ru" in message and "ru_RU" in message


def test_spellings_of_one_language_share_one_stored_answer_and_its_links(api, catalogue):
    """``?lang=ru-RU`` is answered as ``?lang=ru``: one stored copy, links saying ``lang=ru``,
    and ``Vary`` still naming Accept-Language."""
    recent.clear()
    answers = [
        api.get(ZONES + f"?limit=5&lang={spelling}") for spelling in ("ru-RU", "RU", "ru_RU", "ru")
    ]
    assert len(recent.entries) == 1
    assert len({answer["ETag"] for answer in answers}) == 1
    for answer in answers:
        assert answer["Content-Language"] == "ru"
        assert "Accept-Language" in answer["Vary"]
        assert "lang=ru&" in answer.json()["next"] or answer.json()["next"].endswith("lang=ru")
        assert "ru-RU" not in answer.json()["next"] and "RU" not in answer.json()["next"]
