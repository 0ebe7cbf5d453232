"""An editor, in a real browser: log in, write a routine of three steps, drag one step to a new
place, publish, and find the new order in the API."""

import pytest
from django.contrib.auth.models import Group, User

from routines.models import Routine
from tests.factories import AreaFactory, TechniqueFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STEPS = [("Warm-up", "60"), ("Toes", "45"), ("Finish", "30")]


@pytest.fixture
def editor_account():
    TechniqueFactory(slug="stroking", name_en="Stroking", name_ru="Поглаживание")
    AreaFactory(slug="whole-foot", name_en="Whole foot", name_ru="Вся стопа")
    user = User.objects.create_user("edith", password="a-long-passphrase", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def choose(page, index: int, field: str, typed: str, option: str) -> None:
    """Pick ``option`` in a step's autocomplete box by typing, as an editor does."""
    page.click(f"#steps-{index} .field-{field} .select2-selection:visible")
    page.fill(".select2-container--open .select2-search__field", typed)
    page.click(f".select2-results__option--highlighted:has-text('{option}')")


def drag(page, source, target) -> None:
    """Drag by the step's header with small mouse moves, as a hand would."""
    source.scroll_into_view_if_needed()
    start, end = source.bounding_box(), target.bounding_box()
    x = start["x"] + 200
    page.mouse.move(x, start["y"] + start["height"] / 2)
    page.mouse.down()
    for i in range(1, 31):
        page.mouse.move(x, start["y"] + (end["y"] + 2 - start["y"]) * i / 30)
        page.wait_for_timeout(20)
    page.mouse.up()


def test_editor_writes_reorders_and_publishes_a_routine(live_server, editor_account, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "edith")
    page.fill("#id_password", "a-long-passphrase")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    page.goto(f"{live_server.url}/admin/routines/routine/add/")
    page.fill("#id_title_en", "Browser routine")
    page.fill("#id_title_ru", "Программа из браузера")
    page.fill("#id_summary_en", "Made by a test.")
    page.fill("#id_summary_ru", "Создана тестом.")
    assert page.input_value("#id_slug") == "browser-routine"  # prepopulated as the editor types
    for index, (title, seconds) in enumerate(STEPS):
        page.click("#steps-group .add-row a")
        page.fill(f"#id_steps-{index}-title_en", title)
        page.fill(f"#id_steps-{index}-title_ru", title)
        page.fill(f"#id_steps-{index}-instruction_en", f"Do the {title.lower()}.")
        page.fill(f"#id_steps-{index}-instruction_ru", "Сделайте.")
        choose(page, index, "technique", "Strok", "Stroking")
        choose(page, index, "area", "Whole", "Whole foot")
        page.select_option(f"#id_steps-{index}-foot", "right")
        page.select_option(f"#id_steps-{index}-pressure", "2")
        page.fill(f"#id_steps-{index}-duration_seconds", seconds)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "2 min 15 s" in page.inner_text(".field-total_time")

    # Drag "Finish" (third) above "Warm-up" (first).
    drag(page, page.locator("#steps-2 h3"), page.locator("#steps-0 h3"))
    assert page.locator(
        "#steps-group .inline-related.has_original .inline_label"
    ).all_inner_texts() == [
        "3. Finish",
        "1. Warm-up",
        "2. Toes",
    ]
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    page.goto(f"{live_server.url}/admin/routines/routine/")
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success:has-text('Published 1 routine.')")

    response = page.request.get(f"{live_server.url}/api/v1/routines/browser-routine/")
    assert response.status == 200
    body = response.json()
    assert [(step["number"], step["title"]) for step in body["steps"]] == [
        (1, "Finish"),
        (2, "Warm-up"),
        (3, "Toes"),
    ]
    assert body["total_duration_seconds"] == 135


def test_the_editors_group_survives_for_browser_tests(editor_account):
    # Transactional tests flush the database; serialized_rollback must bring back the
    # migration-made group, or the browser test would log in with no permissions.
    assert Group.objects.get(name="Editors").permissions.filter(codename="publish_routine")
    assert not Routine.objects.exists()
