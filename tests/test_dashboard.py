"""The editors' dashboard on the admin's index: each part shows the right items, the page costs
a fixed number of queries, works on an empty database and is for staff only."""

from typing import Any

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routines.admin.dashboard import checked_routines, routine_problems
from routines.models import Contraindication, Routine, SafetyScreen
from tests.factories import (
    BenefitFactory,
    BodyPartFactory,
    ContraindicationFactory,
    RoutineFactory,
    SourceFactory,
    StepFactory,
    TechniqueFactory,
    ZoneFactory,
    published_routine,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def dashboard(client):
    """The dashboard the index page was rendered with, and the page's HTML."""
    response = client.get(INDEX)
    assert response.status_code == 200
    return response.context["dashboard"], response.content.decode()


def listing(board, key):
    return next(listing for listing in board.listings if listing.key == key)


def gaps_of(board):
    """{(model, field, language): number} of every missing translation the dashboard shows."""
    return {
        (model.label, field.label, missing.language): missing.number
        for model in board.translations.gaps
        for field in model.fields
        for missing in field.by_language
        if missing.number
    }


def log(user: User, flag: int, *items: Any) -> None:
    """Record in the admin's log, as the admin does on a save, that ``user`` changed ``items``."""
    LogEntry.objects.log_actions(user.pk, list(items), flag)


def unsafe_routine(slug, **fields):
    """A draft whose one step presses harder than its zone allows."""
    routine = RoutineFactory(slug=slug, **fields)
    gentle = ZoneFactory(
        slug=f"{slug}-zone", name_en="Gentle", recommended_pressure=1, max_pressure=2
    )
    StepFactory(routine=routine, zones=[gentle], pressure=4, foot="right")
    return routine


# Counts


def test_counts_of_each_kind_with_routines_split_into_published_and_drafts(editor):
    ZoneFactory(slug="liver", body_parts=[BodyPartFactory(slug="liver-part")])
    ZoneFactory(slug="heart", body_parts=[BodyPartFactory(slug="heart-part")])
    TechniqueFactory()
    BenefitFactory()
    ContraindicationFactory()  # with the general one every test starts with
    published_routine("evening")
    RoutineFactory(slug="draft-one")
    RoutineFactory(slug="draft-two")

    board, html = dashboard(editor)

    numbers = {tally.label: tally.number for tally in board.tallies}
    assert numbers == {
        "Zones": 2,
        "Body parts": 2,
        "Techniques": 1,
        "Benefits": 1,
        "Contraindications": 2,
        "Routines": 3,
    }
    routines = next(tally for tally in board.tallies if tally.label == "Routines")
    assert [(part.label, part.number) for part in routines.parts] == [
        ("published", 1),
        ("drafts", 2),
    ]
    assert routines.parts[1].url == reverse("admin:routines_routine_changelist") + (
        "?status__exact=draft"
    )
    assert f'href="{reverse("admin:zones_zone_changelist")}"' in html


# Drafts


def test_drafts_waiting_lists_draft_routines_linked_the_last_edited_first(editor):
    published_routine("evening", title_en="Evening calm")
    older = RoutineFactory(slug="older", title_en="Older draft")
    newer = RoutineFactory(slug="newer", title_en="Newer draft")
    Routine.objects.filter(pk=older.pk).update(updated_at=newer.updated_at.replace(year=2020))

    board, html = dashboard(editor)

    drafts = listing(board, "drafts")
    assert [entry.label for entry in drafts.entries] == ["Newer draft", "Older draft"]
    assert drafts.entries[0].url == reverse("admin:routines_routine_change", args=[newer.pk])
    assert drafts.entries[0].updated == Routine.objects.get(pk=newer.pk).updated_at
    assert not drafts.more
    assert f'href="{drafts.entries[0].url}">Newer draft</a>' in html
    assert "Evening calm" not in html.split('id="footcare-drafts"')[1].split("</div>")[0]


def test_a_long_list_of_drafts_is_cut_short_with_a_link_to_all(editor):
    for n in range(12):
        RoutineFactory(slug=f"draft-{n}")
    drafts = listing(dashboard(editor)[0], "drafts")
    assert len(drafts.entries) == 10
    assert drafts.more == "All drafts"
    assert drafts.more_url.endswith("?status__exact=draft")


# Safety problems


def test_safety_problems_lists_each_routine_that_could_not_be_published_and_why(editor):
    published_routine("fine", title_en="Fine routine")
    RoutineFactory(slug="safe-draft", title_en="Safe draft")
    StepFactory(routine=Routine.objects.get(slug="safe-draft"))
    unsafe = unsafe_routine("too-firm", title_en="Too firm")
    empty = RoutineFactory(slug="empty", title_en="No steps yet")

    board, html = dashboard(editor)

    problems = {entry.label: entry for entry in listing(board, "safety").entries}
    assert set(problems) == {"Too firm", "No steps yet"}
    # The same words as publishing would say (the safety screen is written here).
    assert list(problems["Too firm"].notes) == unsafe.publish_problems()
    assert list(problems["No steps yet"].notes) == empty.publish_problems()
    assert "Gentle allows at most pressure 2 (light)" in problems["Too firm"].notes[0]
    assert problems["Too firm"].url == reverse("admin:routines_routine_change", args=[unsafe.pk])
    assert problems["Too firm"].tag == "Draft"
    assert "Gentle allows at most pressure 2 (light)" in html


def test_nothing_to_fix_says_so(editor):
    published_routine("fine")
    board, html = dashboard(editor)
    assert listing(board, "safety").entries == []
    assert "Every routine could be published as it is." in html


@pytest.mark.bare_safety
def test_the_batched_check_says_what_publishing_says(editor):
    """No general contraindication here: whether one of its zones' or techniques' applies
    decides, as in ``publish_problems``."""
    covered_zone = ZoneFactory(slug="covered")
    ContraindicationFactory(slug="zone-caution").zones.set([covered_zone])
    covered_technique = TechniqueFactory(slug="kneading", name_en="Kneading")
    ContraindicationFactory(slug="technique-caution").techniques.set([covered_technique])
    StepFactory(routine=RoutineFactory(slug="by-zone"), zones=[covered_zone])
    StepFactory(routine=RoutineFactory(slug="by-technique"), technique=covered_technique)
    StepFactory(routine=RoutineFactory(slug="uncovered"), zones=[ZoneFactory(slug="bare")])
    unsafe_routine("too-firm")
    RoutineFactory(slug="empty")

    general = Contraindication.objects.filter(applies_to_every_routine=True).exists()
    screen = SafetyScreen.publish_problems()
    assert screen  # bare: no safety screen
    for routine in checked_routines():
        expected = routine.publish_problems()
        assert routine_problems(routine, general_contraindication=general) + screen == expected
    uncovered = Routine.objects.get(slug="uncovered").publish_problems()
    assert any("No contraindication applies" in problem for problem in uncovered)

    # The screen stops every routine: it is named once, first, rather than under each.
    entries = listing(dashboard(editor)[0], "safety").entries
    assert entries[0].label == "Safety screen"
    assert entries[0].url == reverse("admin:routines_safetyscreen_changelist")
    assert all(not set(screen) & set(entry.notes) for entry in entries[1:])


# Content rules


CHECK = reverse("admin:content_check")


def test_before_any_check_the_dashboard_offers_one(editor):
    rules = listing(dashboard(editor)[0], "rules")
    assert rules.entries == [] and rules.empty == "Not checked yet."
    assert rules.action == "Check now" and rules.action_url == CHECK


def test_a_check_lists_each_item_that_breaks_a_rule_linked_to_its_page(editor):
    source = SourceFactory(slug="vague-book", citation="Somebody, a book")
    response = editor.post(CHECK)
    assert response.status_code == 302 and response["Location"] == INDEX
    board, html = dashboard(editor)
    rules = listing(board, "rules")
    entry = next(entry for entry in rules.entries if entry.label == str(source))
    assert entry.url == reverse("admin:zones_source_change", args=[source.pk])
    assert entry.tag == "Source"
    assert entry.notes == [
        "source vague-book: missing a URL, DOI or ISBN, its exact title, an author or "
        "publisher, a year (or n.d. for an undated web page), what it supports (en), what it "
        "supports (ru)"
    ]
    assert f'href="{entry.url}"' in html
    assert rules.note.startswith("Checked ") and rules.action == "Check again"
    # Findings about no one item (the catalogue's) come last, without a link.
    assert rules.entries[-1].label == "The content as a whole" and rules.entries[-1].url is None


def test_the_list_speaks_russian_to_a_russian_editor(editor):
    SourceFactory(slug="vague-book", citation="Somebody, a book")
    editor.post(CHECK)
    response = editor.get(INDEX, headers={"accept-language": "ru"})
    rules = listing(response.context["dashboard"], "rules")
    assert rules.heading == "Содержимое, нарушающее правила"
    assert rules.action == "Проверить снова" and rules.note.startswith("Проверено ")
    assert rules.entries[-1].label == "Содержимое в целом"


def test_fixing_an_item_and_checking_again_takes_it_off_the_list(editor):
    source = SourceFactory(slug="vague-book", citation="Somebody, a book")
    editor.post(CHECK)
    source.delete()
    editor.post(CHECK)
    labels = [entry.label for entry in listing(dashboard(editor)[0], "rules").entries]
    assert str(source) not in labels


def test_the_check_runs_only_on_a_post_by_someone_who_may_see_content(editor, client):
    assert editor.get(CHECK).status_code == 405
    clerk = User.objects.create_user("clerk", password="a-long-passphrase", is_staff=True)
    client.force_login(clerk)
    assert client.post(CHECK).status_code == 403


# Translations


def test_untranslated_fields_are_counted_per_language_and_linked_to_exactly_those(editor):
    BenefitFactory(slug="calm", title_en="Calm", summary_ru="")
    BenefitFactory(slug="warm", title_en="Warm", summary_ru="", body_en="")
    BenefitFactory(slug="done", title_en="Done")
    # An optional text is missing only where another language has it.
    ZoneFactory(slug="half", caution_en="Gently.", caution_ru="")
    ZoneFactory(slug="none", caution_en="", caution_ru="")

    board, html = dashboard(editor)

    assert board.translations.checked
    assert gaps_of(board) == {
        ("Benefits", "Summary", "ru"): 2,
        ("Benefits", "Text", "en"): 1,
        ("Zones", "Caution", "ru"): 1,
    }
    benefits = next(model for model in board.translations.gaps if model.label == "Benefits")
    summary = next(field for field in benefits.fields if field.label == "Summary")
    url = next(missing.url for missing in summary.by_language if missing.language == "ru")
    assert url == reverse("admin:routines_benefit_changelist") + "?untranslated=summary_ru"
    assert f'href="{url}">2</a>' in html

    listed = editor.get(url)
    assert listed.status_code == 200
    assert {row.slug for row in listed.context["cl"].result_list} == {"calm", "warm"}
    zones = editor.get(reverse("admin:zones_zone_changelist") + "?untranslated=caution_ru")
    assert [row.slug for row in zones.context["cl"].result_list] == ["half"]


def test_everything_translated_says_so(editor):
    BenefitFactory()
    ZoneFactory()
    board, html = dashboard(editor)
    assert board.translations.checked and board.translations.gaps == []
    assert "All translated" in html


def test_the_untranslated_filter_stays_out_of_the_way_and_refuses_what_it_does_not_know(editor):
    BenefitFactory()
    changelist = reverse("admin:routines_benefit_changelist")
    assert "missing translation" not in editor.get(changelist).content.decode()
    unknown = editor.get(changelist + "?untranslated=slug_xx")
    assert unknown.status_code == 302 and unknown["Location"].endswith("?e=1")


# Last changes


def test_last_changes_name_who_made_them_across_editors(editor, client):
    edith = User.objects.get(username="edith")
    edith.first_name, edith.last_name = "Edith", "Editor"
    edith.save()
    added = editor.post(
        reverse("admin:zones_bodypart_add"),
        {"slug": "spleen", "name_en": "Spleen", "name_ru": "Селезёнка", "system": "lymphatic"},
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    part = BodyPartFactory(slug="spleen")
    # Another editor's change shows too; the admin's own list shows only one's own.
    other = User.objects.create_user("olga", is_staff=True)
    benefit = BenefitFactory(title_en="Calm")
    log(other, CHANGE, benefit)
    # A change of a user account is not an editor's business.
    log(other, CHANGE, other)

    board, html = dashboard(editor)

    assert [(change.label, change.who, change.action) for change in board.changes] == [
        ("Calm", "olga", "Changed"),
        ("Spleen", "Edith Editor", "Added"),
    ]
    assert board.changes[1].url == reverse("admin:zones_bodypart_change", args=[part.pk])
    assert board.changes[1].kind == "Body part"
    assert "Edith Editor" in html

    boss = Client()
    boss.force_login(User.objects.create_superuser("boss", password="a-long-passphrase"))
    assert "olga" in [change.label for change in dashboard(boss)[0].changes]


def test_a_deleted_item_is_named_without_a_link(editor):
    benefit = BenefitFactory(title_en="Gone soon")
    response = editor.post(
        reverse("admin:routines_benefit_delete", args=[benefit.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    change = dashboard(editor)[0].changes[0]
    assert (change.label, change.action, change.url) == ("Gone soon", "Deleted", None)


# Escaping, the app list, the query budget, an empty database, who may see it


def test_editors_input_is_escaped_everywhere(editor):
    hostile = '<script>alert("x")</script>'
    routine = RoutineFactory(slug="hostile", title_en=hostile, summary_ru="")
    log(User.objects.get(username="edith"), ADDITION, routine)
    html = dashboard(editor)[1]
    assert hostile not in html
    # In the drafts, the safety problems and the last changes.
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 3


def test_the_app_list_stays_below_the_dashboard(editor):
    html = dashboard(editor)[1]
    assert html.index('id="footcare-dashboard"') < html.index('class="app-routines module')
    assert 'class="app-zones module' in html


def make_content(first: int, count: int) -> None:
    """``count`` more zones and routines: published, drafts, unsafe, untranslated, edited."""
    edith = User.objects.get(username="edith")
    for n in range(first, first + count):
        zone = ZoneFactory(slug=f"zone-{n}", caution_en="Gently.", caution_ru="")
        routine = RoutineFactory(slug=f"routine-{n}", summary_ru="")
        StepFactory(routine=routine, zones=[zone])
        StepFactory(routine=routine, zones=[zone], pressure=5)  # above the zone's maximum
        published_routine(f"published-{n}", steps=2, zones=[zone])
        log(edith, CHANGE, routine, zone)


def test_the_page_costs_a_fixed_number_of_queries(editor):
    make_content(0, 2)
    editor.get(INDEX)  # the first request warms what stays cached (content types)
    with CaptureQueriesContext(connection) as small:
        dashboard(editor)
    make_content(2, 5)
    with CaptureQueriesContext(connection) as large:
        board, _html = dashboard(editor)
    assert len(listing(board, "safety").entries) == 7  # the new ones are there
    assert len(large) == len(small), [query["sql"] for query in large]
    # Session and user (2), an editor's permissions (2), counts (6), drafts (1), safety (6),
    # the last content check (1), one per translated model (14), last changes (1), and the
    # admin's app list's own (2).
    assert len(large) <= 35


@pytest.mark.bare_safety
def test_an_empty_database_shows_an_empty_dashboard(admin_client):
    board, html = dashboard(admin_client)
    assert {tally.number for tally in board.tallies} == {0}
    assert listing(board, "drafts").entries == []
    assert [entry.label for entry in listing(board, "safety").entries] == ["Safety screen"]
    assert board.translations.checked and board.translations.gaps == []
    assert board.changes == []
    assert "No drafts waiting." in html and "All translated" in html
    assert "None available" in html


def test_people_who_are_not_staff_are_sent_to_the_login_page(client):
    assert client.get(INDEX)["Location"].startswith(reverse("admin:login"))
    client.force_login(User.objects.create_user("reader", password="a-long-passphrase"))
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "footcare-dashboard" not in response.content.decode()


def test_staff_without_content_rights_see_no_content(client):
    RoutineFactory(slug="secret-plan", title_en="Secret plan")
    BenefitFactory(summary_ru="")
    clerk = User.objects.create_user("clerk", password="a-long-passphrase", is_staff=True)
    client.force_login(clerk)
    board, html = dashboard(client)
    assert not board.shows_content
    assert 'id="footcare-dashboard"' not in html
    assert "Secret plan" not in html

    clerk.groups.add(Group.objects.get(name="Editors"))
    client.force_login(User.objects.get(pk=clerk.pk))
    assert "Secret plan" in dashboard(client)[1]
