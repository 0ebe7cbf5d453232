"""Editors cannot silently remove safety content while routines are published (issue 22, 7).

A contraindication that applies to every routine is on the safety screen and in every
published routine's list: deleting it, or unticking "applies to every routine", is refused,
naming the routines. An audience or tool that a published routine names cannot be deleted
either. Each path is tried: the model, a queryset, a bulk update, a restore from history,
the admin (delete page, the bulk delete action, the change form) and the content loader. A
refusal changes nothing, not even the journal; with no routine published, or once no
published routine names the item, the same change goes through.
"""

import io

import pytest
import reversion
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from reversion.models import Version

from footcare.content.guards import UnsafeChange, deferred
from footcare.content.history import restore
from footcare.content.journal import current_position
from routines.models import Audience, Contraindication, Routine, Tool
from tests.admin_forms import revision_form_data
from tests.conftest import fresh, made_once_per_module
from tests.factories import (
    AudienceFactory,
    ContraindicationFactory,
    RoutineFactory,
    StepFactory,
    published_routine,
)

pytestmark = pytest.mark.django_db

PUBLISHED = ("“Gentle care”", "“Quick feet”")


def make_catalogue() -> dict:
    """Two published routines and a draft; a general contraindication; an audience and a tool
    that the published "Gentle care" names, and another pair that only the draft names."""
    clot = ContraindicationFactory(
        slug="thrombosis",
        name_en="Deep vein thrombosis",
        severity="do_not_massage",
        applies_to_every_routine=True,
    )
    seniors = AudienceFactory(slug="seniors", name_en="Older people")
    towel = Tool.objects.create(slug="towel", name_en="Towel", name_ru="Полотенце")
    gentle = published_routine("gentle", title_en="Gentle care")
    gentle.audiences.add(seniors)
    gentle.tools.add(towel)
    published_routine("quick", title_en="Quick feet")
    draft = RoutineFactory(slug="draft", title_en="Desk draft")
    StepFactory(routine=draft)
    athletes = AudienceFactory(slug="athletes", name_en="Athletes")
    ball = Tool.objects.create(slug="ball", name_en="Massage ball", name_ru="Мяч")
    draft.audiences.add(athletes)
    draft.tools.add(ball)
    return {"clot": clot, "seniors": seniors, "towel": towel, "gentle": gentle}


_catalogue = made_once_per_module(make_catalogue)


@pytest.fixture
def catalogue(db, _catalogue) -> dict:
    return fresh(_catalogue)


def refused(change) -> str:
    """Run ``change`` as a script would (in its own transaction); it must be refused and
    change nothing, not even the journal. Gives the refusal's one message."""
    position = current_position()
    with pytest.raises(UnsafeChange) as refusal, transaction.atomic():
        change()
    assert current_position() == position
    (message,) = refusal.value.messages
    return message


def names_the_published_routines(message: str) -> bool:
    return all(title in message for title in PUBLISHED) and "Desk draft" not in message


def still_general() -> bool:
    clot = Contraindication.objects.filter(slug="thrombosis", applies_to_every_routine=True)
    return clot.exists()


# --- A contraindication that applies to every routine ----------------------------------


def test_deleting_a_general_contraindication_is_refused_naming_the_routines(catalogue) -> None:
    message = refused(catalogue["clot"].delete)
    assert message.startswith("“Deep vein thrombosis” is on the safety screen")
    assert names_the_published_routines(message)
    assert still_general()


def test_deleting_it_through_a_queryset_is_refused(catalogue) -> None:
    message = refused(lambda: Contraindication.objects.filter(slug="thrombosis").delete())
    assert names_the_published_routines(message)
    refused(lambda: Contraindication.objects.filter(applies_to_every_routine=True).delete())
    assert still_general()


def test_unticking_applies_to_every_routine_is_refused_on_save(catalogue) -> None:
    clot = catalogue["clot"]
    clot.applies_to_every_routine = False
    message = refused(clot.save)
    assert "must keep applying to every routine while routines are published" in message
    assert names_the_published_routines(message)
    assert still_general()


def test_unticking_it_in_bulk_is_refused(catalogue) -> None:
    refused(
        lambda: Contraindication.objects.filter(slug="thrombosis").update(
            applies_to_every_routine=False
        )
    )
    clot = catalogue["clot"]
    clot.applies_to_every_routine = False
    refused(lambda: Contraindication.objects.bulk_update([clot], ["applies_to_every_routine"]))
    assert still_general()


def test_unticking_it_first_in_the_same_change_does_not_let_a_delete_through(catalogue) -> None:
    def untick_then_delete() -> None:
        with deferred():  # one change, as a script or the loader may make
            clot = Contraindication.objects.get(slug="thrombosis")
            clot.applies_to_every_routine = False
            clot.save()
            clot.delete()  # no longer general as stored: only the whole change shows it was

    message = refused(untick_then_delete)
    assert "It cannot be deleted while routines are published" in message
    assert still_general()


def test_restoring_a_version_from_before_it_was_general_is_refused(catalogue) -> None:
    with reversion.create_revision():
        fever = ContraindicationFactory(slug="fever", name_en="Fever")
    fever.applies_to_every_routine = True
    with reversion.create_revision():
        fever.save()
    before = Version.objects.get_for_object(fever).order_by("pk").first()
    message = refused(lambda: restore(before))
    assert message.startswith("“Fever” is on the safety screen")
    assert Contraindication.objects.get(slug="fever").applies_to_every_routine


def test_model_validation_says_it_before_saving(catalogue) -> None:
    clot = catalogue["clot"]
    clot.applies_to_every_routine = False
    with pytest.raises(ValidationError, match="must keep applying to every routine"):
        clot.full_clean()


def test_other_edits_of_a_general_contraindication_go_through(catalogue) -> None:
    clot = catalogue["clot"]
    clot.name_en = "Deep vein thrombosis or a blood clot"
    clot.save()
    Contraindication.objects.filter(pk=clot.pk).update(severity="ask_a_doctor_first")
    ContraindicationFactory(slug="fever").delete()  # on no routine's list: may go
    assert still_general()


def test_with_no_routine_published_the_same_changes_go_through(catalogue) -> None:
    Routine.objects.update(status="draft")
    Contraindication.objects.filter(slug="thrombosis").update(applies_to_every_routine=False)
    Contraindication.objects.filter(slug="thrombosis").delete()
    assert not Contraindication.objects.filter(slug="thrombosis").exists()


def test_withdrawing_the_routines_in_the_same_change_lets_it_go(catalogue) -> None:
    """The guards judge a change once it is whole: an untick that comes with withdrawing
    every routine leaves nothing published that relied on it."""
    with deferred():
        clot = catalogue["clot"]
        clot.applies_to_every_routine = False
        clot.save()
        Routine.objects.update(status="draft")
    assert not still_general()


# --- An audience or a tool a published routine names -----------------------------------


def test_deleting_an_audience_a_published_routine_names_is_refused(catalogue) -> None:
    message = refused(catalogue["seniors"].delete)
    assert message == (
        "The published routine “Gentle care” is meant for “Older people”. Take the audience "
        "off it, or withdraw it, before deleting the audience."
    )
    refused(lambda: Audience.objects.filter(slug__in=["seniors", "athletes"]).delete())
    assert Audience.objects.filter(slug="seniors").exists()
    assert catalogue["gentle"].audiences.filter(slug="seniors").exists()


def test_deleting_a_tool_a_published_routine_names_is_refused(catalogue) -> None:
    message = refused(catalogue["towel"].delete)
    assert message == (
        "The published routine “Gentle care” needs “Towel”. Take the tool off it, or withdraw "
        "it, before deleting the tool."
    )
    Routine.objects.get(slug="quick").tools.add(catalogue["towel"])
    assert refused(lambda: Tool.objects.all().delete()) == (
        "The published routines “Gentle care”, “Quick feet” need “Towel”. Take the tool off "
        "them, or withdraw them, before deleting the tool."
    )
    assert Tool.objects.filter(slug="towel").exists()


def test_an_audience_or_tool_only_drafts_name_can_go(catalogue) -> None:
    Audience.objects.get(slug="athletes").delete()
    Tool.objects.filter(slug="ball").delete()
    assert not Audience.objects.filter(slug="athletes").exists()
    assert not Tool.objects.filter(slug="ball").exists()


def test_taking_it_off_the_routine_is_an_edit_of_the_routine_and_then_it_can_go(
    catalogue,
) -> None:
    gentle = catalogue["gentle"]
    gentle.audiences.remove(catalogue["seniors"])
    catalogue["towel"].routines.remove(gentle)  # from the tool's side
    catalogue["seniors"].delete()
    catalogue["towel"].delete()
    assert Routine.objects.get(slug="gentle").is_published


# --- The admin --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "slug", "words"),
    [
        ("contraindication", "thrombosis", "is on the safety screen"),
        ("audience", "seniors", "is meant for “Older people”"),
        ("tool", "towel", "needs “Towel”"),
    ],
)
def test_the_admin_delete_page_lists_the_refusal_and_deletes_nothing(
    editor, catalogue, model, slug, words
) -> None:
    row = catalogue[{"thrombosis": "clot"}.get(slug, slug)]
    url = reverse(f"admin:routines_{model}_delete", args=[row.pk])
    page = editor.get(url).content.decode()
    assert words in page and "Gentle care" in page
    editor.post(url, {"post": "yes"})
    assert type(row).objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    ("model", "slug"),
    [("contraindication", "thrombosis"), ("audience", "seniors"), ("tool", "towel")],
)
def test_the_admin_bulk_delete_action_deletes_nothing(editor, catalogue, model, slug) -> None:
    row = catalogue[{"thrombosis": "clot"}.get(slug, slug)]
    changelist = reverse(f"admin:routines_{model}_changelist")
    data = {"action": "delete_selected", "_selected_action": [row.pk]}
    page = editor.post(changelist, data).content.decode()
    assert "Gentle care" in page
    editor.post(changelist, data | {"post": "yes"})
    assert type(row).objects.filter(pk=row.pk).exists()


def test_the_admin_change_form_refuses_unticking_it(editor, catalogue) -> None:
    url = reverse("admin:routines_contraindication_change", args=[catalogue["clot"].pk])
    data = revision_form_data(editor.get(url))
    del data["applies_to_every_routine"]
    response = editor.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "must keep applying to every routine" in page and "Quick feet" in page
    assert still_general()


# --- The content loader -----------------------------------------------------------------


def test_a_pack_cannot_untick_it_over_published_routines(catalogue, tmp_path) -> None:
    pack = tmp_path / "routines"
    pack.mkdir()
    (pack / "01_catalogue.yaml").write_text(
        "contraindications:\n"
        "  - slug: thrombosis\n"
        "    applies_to_every_routine: false\n"
        "    name: {en: Deep vein thrombosis, ru: Тромбоз}\n"
        "    severity: do_not_massage\n"
        "    description: {en: Do not massage., ru: Не массируйте.}\n",
        encoding="utf-8",
    )
    position = current_position()
    # Judged once the whole load is written: the guard's words name the item and routines.
    with pytest.raises(CommandError, match=r"“Deep vein thrombosis” is on the safety .*Quick feet"):
        call_command("load_content", str(tmp_path), "--overwrite-edited", stdout=io.StringIO())
    assert current_position() == position
    assert still_general()
