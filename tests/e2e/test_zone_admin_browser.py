"""The zone admin in a real browser, on a laptop screen: the list of the shipped zones fits
beside the admin's sidebar with a small map per zone, and a zone's map follows its polygons
as the editor types them, before anything is saved."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from tests.factories import FootOutlineFactory, ZoneFactory
from zones.models import Zone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LAPTOP = {"width": 1280, "height": 800}
LIVER = [[0.58, 0.38], [0.92, 0.38], [0.9, 0.47], [0.58, 0.5]]
LIVER_ON_THE_SOLE = "figure.zone-map[data-view=plantar][data-foot=right] path[data-editing]"


@pytest.fixture
def shipped_zones() -> dict[str, int]:
    """The shipped content pack, committed so that the live server sees it (``shipped_pack``
    keeps it in a transaction that the server's own connection cannot see); made before the
    browser starts (Playwright runs an event loop, where the ORM may not). Gives each zone's
    primary key by slug."""
    call_command("load_content", stdout=io.StringIO())
    User.objects.create_superuser("boss", password="a-long-passphrase")
    return dict(Zone.objects.values_list("slug", "pk"))


@pytest.fixture
def liver() -> int:
    """A small map (the pack takes long to load, and typing needs one zone): the liver on the
    right sole among a few others. Gives the liver's primary key."""
    FootOutlineFactory(view="plantar", aspect_ratio=0.42)
    FootOutlineFactory(view="dorsal", aspect_ratio=0.42)
    for n in range(3):
        ZoneFactory(slug=f"zone-{n}", shapes={"plantar": [[[0.2, 0.1], [0.3, 0.1], [0.25, 0.2]]]})
    User.objects.create_superuser("boss", password="a-long-passphrase")
    return ZoneFactory(slug="liver", name_en="Liver", foot="right", shapes={"plantar": [LIVER]}).pk


def log_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "a-long-passphrase")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def test_the_zone_list_fits_a_laptop_with_the_sidebar_open(
    live_server, shipped_zones, browser_page
):
    page = browser_page
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server)
    # Russian words are longer than English ones: both must fit.
    for language in ("en", "ru"):
        page.set_extra_http_headers({"Accept-Language": language})
        page.goto(f"{live_server.url}/admin/zones/zone/")
        page.wait_for_selector(f"html[lang={language}] #result_list")
        assert page.is_visible("#nav-sidebar")  # open, as the admin starts
        rows = page.locator("#result_list tbody tr")
        assert rows.count() == len(shipped_zones) > 40
        thumbnails = page.locator("#result_list tbody tr svg.zone-thumbnail")
        assert thumbnails.count() == rows.count()
        widths = page.evaluate(
            """() => {
                const results = document.querySelector("#changelist-form .results");
                return {
                    page: document.documentElement.scrollWidth,
                    table: results.scrollWidth,
                    box: results.clientWidth,
                };
            }"""
        )
        assert widths["page"] <= LAPTOP["width"], (language, widths)
        # The admin scrolls a wide table inside its own box, which the page width alone
        # would not show: the table must fit that box too.
        assert widths["table"] <= widths["box"], (language, widths)
    box = page.locator("#result_list tbody tr svg.zone-thumbnail").first.bounding_box()
    assert 40 <= box["width"] <= 64 and 40 <= box["height"] <= 64


def test_the_map_follows_the_polygons_as_they_are_typed(live_server, liver, browser_page):
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server)
    url = f"{live_server.url}/admin/zones/zone/{liver}/change/"
    page.goto(url)
    field = page.locator("#id_shapes-0-polygons")
    saved = field.input_value()
    drawn = page.locator(LIVER_ON_THE_SOLE)
    before = drawn.get_attribute("d")
    assert before.startswith("M 243.6 380.0")  # 0.58 of the sole's 420 units, as saved
    assert page.locator("figure.zone-map:visible").count() == 1  # right foot, sole only

    field.fill("[[[0.3, 0.5], [0.6, 0.5], [0.6, 0.7]]]")
    assert drawn.get_attribute("d") == "M 126.0 500.0 L 252.0 500.0 L 252.0 700.0 Z"
    hint = page.locator("#shapes-0 .live-preview-hint")
    assert not hint.is_visible()

    # Half typed: the last good drawing stays, and a hint says why.
    field.fill("[[[0.3, 0.5], [0.6, 0.5], [0.6")
    assert drawn.get_attribute("d") == "M 126.0 500.0 L 252.0 500.0 L 252.0 700.0 Z"
    assert hint.is_visible() and "brackets" in hint.inner_text()
    field.fill("[[[0.3, 0.5], [1.6, 0.5], [0.6, 0.7]]]")  # off the map
    assert drawn.get_attribute("d") == "M 126.0 500.0 L 252.0 500.0 L 252.0 700.0 Z"
    assert "from 0 to 1" in hint.inner_text()
    field.fill("[[[0.3, 0.5], [0.6, 0.5], [0.5, 0.8]]]")
    assert drawn.get_attribute("d") == "M 126.0 500.0 L 252.0 500.0 L 210.0 800.0 Z"
    assert not hint.is_visible()

    # A new shape starts on a view no other shape uses; its map appears as it is typed.
    page.click("#shapes-group .add-row a")
    assert page.input_value("#id_shapes-1-view") == "dorsal"
    page.fill("#id_shapes-1-polygons", "[[[0.2, 0.2], [0.4, 0.2], [0.3, 0.3]]]")
    top = page.locator("figure.zone-map[data-view=dorsal][data-foot=right]")
    assert top.is_visible()
    assert top.locator("path[data-editing]").get_attribute("d").startswith("M 84.0 200.0")
    # Moving it to the sole, which the first shape already takes, says so.
    page.select_option("#id_shapes-1-view", "plantar")
    assert "already on this view" in page.inner_text("#shapes-1 .live-preview-hint")
    assert not top.is_visible()

    assert errors == []
    page.goto(url)  # nothing was saved: the server still has the old corners
    assert page.input_value("#id_shapes-0-polygons") == saved
    assert page.locator(LIVER_ON_THE_SOLE).get_attribute("d") == before
