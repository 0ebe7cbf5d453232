"""A Russian-speaking editor, in a real browser: the admin greets her in Russian, she switches
it to English and back, edits a routine in the compact step table (a step's pressure and time,
its Russian text in the texts dialog), drags a step to a new place, and publishes from the
change page; the API then shows what she did. And the full massage fits on one screenful's
worth of scrolling: at most 3,000 px at 1280 px wide."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from routines.models import Routine
from tests.factories import AreaFactory, RoutineFactory, StepFactory, TechniqueFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STEPS = [("Warm-up", "Разогрев"), ("Toes", "Пальцы"), ("Finish", "Завершение")]
FULL_MASSAGE = "relaxing-full-foot-massage"
MAX_PAGE_HEIGHT = 3000


@pytest.fixture
def editor_account():
    user = User.objects.create_user("edith", password="a-long-passphrase", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def draft():
    """A draft of three steps, made before the browser starts (Playwright runs an event loop,
    where the ORM may not)."""
    routine = RoutineFactory(slug="evening", title_en="Evening", title_ru="Вечер")
    technique, area = TechniqueFactory(), AreaFactory()
    for position, (english, russian) in enumerate(STEPS, start=1):
        StepFactory(
            routine=routine,
            position=position,
            title_en=english,
            title_ru=russian,
            technique=technique,
            area=area,
        )
    return routine


def log_in(page, url: str) -> None:
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", "edith")
    page.fill("#id_password", "a-long-passphrase")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def drag(page, source, target) -> None:
    """Drag a row by its handle with small mouse moves, as a hand would."""
    source.scroll_into_view_if_needed()
    start, end = source.bounding_box(), target.bounding_box()
    x = start["x"] + start["width"] / 2
    page.mouse.move(x, start["y"] + start["height"] / 2)
    page.mouse.down()
    for i in range(1, 31):
        page.mouse.move(x, start["y"] + (end["y"] + 2 - start["y"]) * i / 30)
        page.wait_for_timeout(20)
    page.mouse.up()


def step_titles(page) -> list[str]:
    return [
        text.removeprefix("✎").strip()
        for text in page.locator("#steps-group tr.has_original .step-title").all_inner_texts()
    ]


def test_a_russian_editor_edits_reorders_and_publishes_a_routine(
    live_server, editor_account, draft, browser_page
):
    page = browser_page
    page.set_extra_http_headers({"Accept-Language": "ru"})
    log_in(page, live_server.url)
    # Her browser asks for Russian: the admin's own strings and ours are Russian.
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "выйти" in page.inner_text("#user-tools").lower()

    # The switch in the header: English, then back to Russian; the choice sticks.
    page.click("#language-switch button[value=en]")
    page.wait_for_selector("html[lang=en]")
    assert "log out" in page.inner_text("#user-tools").lower()
    page.click("#language-switch button[value=ru]")
    page.wait_for_selector("html[lang=ru]")

    page.goto(f"{live_server.url}/admin/routines/routine/{draft.pk}/change/")
    assert step_titles(page) == ["Разогрев", "Пальцы", "Завершение"]
    assert page.inner_text(".publication-bar .status-badge") == "Черновик"

    # One row, one step: pressure and time in the row, the texts in the dialog.
    page.select_option("#id_steps-1-pressure", "1")
    page.fill("#id_steps-1-duration_seconds", "45")
    page.click("#steps-1 .step-texts-open")
    dialog = page.locator("#steps-1 dialog.step-texts")
    assert dialog.is_visible()
    dialog.locator("[name=steps-1-title_ru]").fill("Пальцы ног")
    dialog.locator(".step-texts-close").click()
    assert not dialog.is_visible()
    assert step_titles(page)[1] == "Пальцы ног"  # the row shows what she wrote

    # Drag "Завершение" (third) above "Разогрев" (first).
    drag(page, page.locator("#steps-2 td.original p"), page.locator("#steps-0 td.original p"))
    assert step_titles(page) == ["Завершение", "Разогрев", "Пальцы ног"]

    page.click("input[name=_publish]")
    page.wait_for_selector(".messagelist .success")
    assert page.inner_text(".publication-bar .status-badge") == "Опубликовано"

    response = page.request.get(
        f"{live_server.url}/api/v1/routines/evening/", headers={"Accept-Language": "ru"}
    )
    assert response.status == 200
    body = response.json()
    assert [(step["number"], step["title"]) for step in body["steps"]] == [
        (1, "Завершение"),
        (2, "Разогрев"),
        (3, "Пальцы ног"),
    ]
    toes = body["steps"][2]
    assert (toes["pressure"], toes["duration_seconds"]) == (1, 45)


@pytest.fixture
def full_massage():
    """The shipped content (a load takes a while: one test uses it for everything), and what
    the test needs to know of the full massage, read before the browser starts."""
    call_command("load_content", verbosity=0)
    routine = Routine.objects.get(slug=FULL_MASSAGE)
    pressing = routine.steps.filter(zones__isnull=False).order_by("position").first()
    assert pressing is not None
    return {
        "url": f"/admin/routines/routine/{routine.pk}/change/",
        "steps": routine.steps.count(),
        "pressing": pressing.position,
        "zones": sorted(f"zone-{zone.slug}" for zone in pressing.zones.all()),
    }


def test_the_full_massage_fits_in_3000_px_and_previews_as_the_app_plays_it(
    live_server, editor_account, full_massage, browser_page
):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server.url)
    for language in ["en", "ru"]:
        page.set_extra_http_headers({"Accept-Language": language})
        page.goto(f"{live_server.url}/admin/routines/routine/")  # the cookie follows the header
        page.goto(f"{live_server.url}{full_massage['url']}")
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == language
        rows = page.locator("#steps-group tr.has_original").count()
        assert rows == full_massage["steps"] > 40
        height = page.evaluate("document.documentElement.scrollHeight")
        width = page.evaluate("document.documentElement.scrollWidth")
        print(f"full massage ({language}): {height} px tall, {width} px wide, {rows} steps")
        assert height <= MAX_PAGE_HEIGHT
        assert width <= 1280

    page.click("#routine-preview summary")
    assert page.inner_text(".preview-title").startswith("1. ")
    # Pick a step that presses zones: they light up on its map, and only they.
    position = full_massage["pressing"]
    page.click(f".preview-timeline li:nth-child({position}) button")
    assert page.inner_text(".preview-title").startswith(f"{position}. ")
    lit = page.locator(".preview-map:not([hidden]) .zone.current")
    assert sorted(lit.evaluate_all("zones => zones.map(z => z.id)")) == full_massage["zones"]
    # Playing moves the clock and, at 30×, reaches the next step within seconds.
    page.click(".preview-timeline li:nth-child(1) button")
    page.select_option(".preview-speed", "30")
    page.click(".preview-play")
    page.wait_for_selector(".preview-timeline li:nth-child(2).current", timeout=15_000)
    assert page.inner_text(".preview-title").startswith("2. ")
    page.click(".preview-play")  # pause
