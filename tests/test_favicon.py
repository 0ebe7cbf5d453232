"""Every page names the service's icon, and a browser asking for /favicon.ico finds it."""

from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

ICON = "footcare/favicon.svg"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/", "/admin/login/", "/api/v1/redoc/"])
def test_our_pages_name_the_icon(client, page):
    assert f'rel="icon" href="{static(ICON)}"' in client.get(page).content.decode()


def test_the_docs_name_an_icon_of_their_own(client):
    assert 'rel="icon"' in client.get("/api/v1/docs/").content.decode()


def test_a_browser_asking_for_favicon_ico_is_sent_to_the_icon(client):
    answer = client.get("/favicon.ico")
    assert (answer.status_code, answer["Location"]) == (302, static(ICON))
    icon = finders.find(ICON)
    assert icon is not None
    assert ElementTree.parse(icon).getroot().tag == "{http://www.w3.org/2000/svg}svg"
