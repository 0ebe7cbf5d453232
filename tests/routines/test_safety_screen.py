"""The safety screen and disclaimer: served per language, required for publishing, guarded."""

import pytest
from django.core.exceptions import ValidationError

from footcare.content.guards import UnsafeChange
from routines.models import PressureLevel, SafetyScreen
from tests.factories import (
    ContraindicationFactory,
    RoutineFactory,
    StepFactory,
    published_routine,
    safety_screen,
)

pytestmark = pytest.mark.django_db


@pytest.mark.bare_safety
def test_the_api_serves_the_screen_in_the_requests_language(api) -> None:
    safety_screen()
    ContraindicationFactory(slug="thrombosis", applies_to_every_routine=True)
    ContraindicationFactory(slug="heart", applies_to_every_routine=False)
    PressureLevel.objects.create(level=1, feels_like_en="Barely.", feels_like_ru="Едва.")

    english = api.get("/api/v1/safety/").json()
    russian = api.get("/api/v1/safety/", HTTP_ACCEPT_LANGUAGE="ru").json()

    assert english["disclaimer"] == "Reflexology finds no illness."
    assert russian["disclaimer"] == "Рефлексология не выявляет болезней."
    assert [item["slug"] for item in english["conditions"]] == ["thrombosis"]
    assert english["pressure_scale"] == [{"level": 1, "key": "feather", "feels_like": "Barely."}]
    assert russian["pressure_scale"][0]["feels_like"] == "Едва."


@pytest.mark.bare_safety
def test_without_a_screen_the_api_answers_a_404_problem(api) -> None:
    response = api.get("/api/v1/safety/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.bare_safety
def test_a_routine_cannot_be_published_without_the_screen_in_every_language() -> None:
    routine = RoutineFactory(slug="r")
    StepFactory(routine=routine)
    ContraindicationFactory(applies_to_every_routine=True)
    with pytest.raises(ValidationError, match="Write the safety screen"):
        routine.publish()

    safety_screen(aftercare_ru="")
    with pytest.raises(ValidationError, match="aftercare_ru"):
        routine.publish()

    SafetyScreen.objects.filter(pk=1).update(aftercare_ru="Отдохните.")
    routine.publish()
    assert routine.is_published


@pytest.mark.bare_safety
def test_a_routine_to_which_no_contraindication_applies_cannot_be_published() -> None:
    safety_screen()
    routine = RoutineFactory(slug="r")
    StepFactory(routine=routine)
    with pytest.raises(ValidationError, match="No contraindication applies"):
        routine.publish()


def test_published_routines_keep_the_screen_whole() -> None:
    published_routine("r")
    screen = SafetyScreen.objects.get()
    screen.disclaimer_ru = ""
    with pytest.raises(UnsafeChange, match="disclaimer_ru"):
        screen.save()
    with pytest.raises(UnsafeChange, match="cannot be deleted"):
        screen.delete()
    assert SafetyScreen.objects.get().disclaimer_ru


def test_there_is_only_one_screen() -> None:
    safety_screen()
    SafetyScreen(**{f"{field}_en": "x" for field in SafetyScreen.TEXTS}).save()
    assert SafetyScreen.objects.count() == 1


def test_the_screen_syncs_and_a_change_to_it_reaches_a_synced_app(api) -> None:
    safety_screen()
    first = api.get("/api/v1/sync/").json()
    assert [item["slug"] for item in first["upserts"]["safety"]] == ["safety"]

    screen = SafetyScreen.objects.get()
    screen.when_to_stop_en = "Stop if it hurts."
    screen.save()
    delta = api.get("/api/v1/sync/", {"token": first["next_token"]}).json()
    assert delta["upserts"]["safety"][0]["when_to_stop"] == "Stop if it hurts."
