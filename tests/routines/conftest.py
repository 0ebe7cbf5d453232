from typing import Any

import pytest

from tests.conftest import fresh, made_once_per_module
from tests.factories import (
    AudienceFactory,
    BenefitFactory,
    BodyPartFactory,
    ContraindicationFactory,
    RoutineFactory,
    SourceFactory,
    StepFactory,
    TechniqueFactory,
    ZoneFactory,
)


def make_catalogue() -> dict[str, Any]:
    """Two published routines and one draft, with what they point at."""
    source = SourceFactory(slug="cruk", citation="Cancer Research UK, Reflexology")
    stress = AudienceFactory(slug="stress", name_en="Stressed", name_ru="При стрессе")
    athletes = AudienceFactory(slug="athletes", name_en="Athletes", name_ru="Спортсмены")
    stroking = TechniqueFactory()
    thumb = TechniqueFactory(
        slug="thumb-walking",
        name_en="Thumb walking",
        name_ru="Шагание большим пальцем",
        how_to_en="Creep forward with the thumb.",
        how_to_ru="Продвигайтесь большим пальцем.",
    )
    lymph = BodyPartFactory(slug="lymph", name_en="Lymph", name_ru="Лимфа", system="lymphatic")
    liver_part = BodyPartFactory(slug="liver", name_en="Liver", name_ru="Печень")
    webs = ZoneFactory(
        slug="toe-webs", name_en="Between the toes", name_ru="Между пальцами", region="toes",
        recommended_pressure=1, max_pressure=2, body_parts=[lymph],
    )  # fmt: skip
    liver = ZoneFactory(
        slug="liver", name_en="Liver", name_ru="Печень", foot="right", body_parts=[liver_part]
    )
    calm = BenefitFactory(
        slug="calm", title_en="Calm", title_ru="Спокойствие", summary_en="Relaxes.",
        summary_ru="Расслабляет.", body_en="Slow touch calms.",
        body_ru="Медленные касания успокаивают.",
        evidence_level="some_evidence", evidence_note_en="Less anxiety in trials.",
        evidence_note_ru="Меньше тревоги в исследованиях.", position=1,
    )  # fmt: skip
    calm.audiences.set([stress])
    calm.sources.set([source])
    calm.zones.set([webs])
    warm = BenefitFactory(slug="warm", title_en="Warm feet", title_ru="Тёплые ноги", position=2)
    clot = ContraindicationFactory(
        slug="thrombosis", name_en="Thrombosis", name_ru="Тромбоз", severity="do_not_massage",
        description_en="Never massage.", description_ru="Не массируйте.",
    )  # fmt: skip
    clot.zones.set([webs])
    clot.sources.set([source])

    evening = RoutineFactory(
        slug="evening", title_en="Evening calm", title_ru="Вечерний покой",
        summary_en="Wind down.", summary_ru="Расслабьтесь.", difficulty="easy",
        introduction_en="Dim the light.", introduction_ru="Приглушите свет.",
        safety_notes_en="Stop if it hurts.", safety_notes_ru="Остановитесь, если больно.",
    )  # fmt: skip
    StepFactory(
        routine=evening, title_en="Stroke", title_ru="Поглаживание", instruction_en="Stroke.",
        instruction_ru="Гладьте.", technique=stroking, foot="right", pressure=1,
        duration_seconds=60, repetitions=3, zones=[webs], tip_en="Warm hands.",
        tip_ru="Тёплые руки.",
    )  # fmt: skip
    StepFactory(
        routine=evening, title_en="Liver", title_ru="Печень", instruction_en="Thumb-walk.",
        instruction_ru="Проработайте.", narration_en="Now the liver zone.",
        narration_ru="Теперь зона печени.", technique=thumb, foot="right", pressure=3,
        duration_seconds=90, repetitions=2, zones=[liver],
    )  # fmt: skip
    evening.benefits.set([calm])
    evening.audiences.set([stress])
    evening.contraindications.set([clot])
    evening.publish()

    sport = RoutineFactory(
        slug="sport", title_en="After sport", title_ru="После спорта", difficulty="moderate"
    )
    StepFactory(routine=sport, foot="left", pressure=2, duration_seconds=300, technique=stroking)
    sport.benefits.set([warm])
    sport.audiences.set([athletes])
    sport.publish()

    secret = RoutineFactory(slug="secret-draft", title_en="Evening secret", title_ru="Секрет")
    StepFactory(routine=secret, zones=[liver], duration_seconds=30)
    secret.benefits.set([calm])
    secret.audiences.set([stress])
    return {"evening": evening, "sport": sport, "secret": secret}


_catalogue = made_once_per_module(make_catalogue)


@pytest.fixture
def catalogue(db, _catalogue):
    """Two published routines and one draft, with what they point at (made once a module)."""
    return fresh(_catalogue)
