"""factory_boy factories for the content models; each makes a valid row with little input."""

import factory

from footcare.content.pictures import store_picture
from routines.models import Audience, Benefit, Contraindication, Routine, Step, Technique
from zones.models import Area, BodyPart, FootOutline, Landmark, Source, Zone, ZoneShape

SQUARE = [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6]]


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"source-{n}")
    citation = factory.Sequence(lambda n: f"Author {n}, A Book of Feet, 2001")


class BodyPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyPart
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"part-{n}")
    name_en = factory.Sequence(lambda n: f"Part {n}")
    name_ru = factory.Sequence(lambda n: f"Часть {n}")
    system = "digestive"


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"zone-{n}")
    name_en = factory.Sequence(lambda n: f"Zone {n}")
    name_ru = factory.Sequence(lambda n: f"Зона {n}")
    description_en = "Somewhere on the sole."
    description_ru = "Где-то на подошве."
    foot = "both"
    region = "arch"
    longitudinal_zones = "23"
    sensitivity = "low"
    skin = "normal"
    recommended_pressure = 3
    max_pressure = 4

    @factory.post_generation
    def body_parts(self, create, extracted, **kwargs):
        if create:
            self.body_parts.set(extracted if extracted is not None else [BodyPartFactory()])

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create:
            self.sources.set(extracted if extracted is not None else [SourceFactory()])

    @factory.post_generation
    def shapes(self, create, extracted, **kwargs):
        if create:
            for view, polygons in (extracted or {"plantar": [SQUARE]}).items():
                ZoneShape.objects.update_or_create(
                    zone=self, view=view, defaults={"polygons": polygons}
                )


class FootOutlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FootOutline
        django_get_or_create = ["view"]

    view = "plantar"
    aspect_ratio = 0.4
    points = [[0.1, 0.0], [0.9, 0.0], [0.9, 1.0], [0.1, 1.0]]


class LandmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Landmark
        django_get_or_create = ["slug"]

    slug = "waistline"
    name_en = "Waistline"
    name_ru = "Линия талии"
    view = "plantar"
    points = [[0.1, 0.5], [0.9, 0.5]]


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"audience-{n}")
    name_en = factory.Sequence(lambda n: f"Audience {n}")
    name_ru = factory.Sequence(lambda n: f"Аудитория {n}")


# The smallest drawing store_picture accepts: a test technique's picture.
DRAWING = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20">'
    b'<rect width="40" height="20" fill="#F2D4C0"/></svg>'
)


class TechniqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Technique
        django_get_or_create = ["slug"]

    slug = "stroking"
    name_en = "Stroking"
    name_ru = "Поглаживание"
    how_to_en = "Glide the palms over the foot."
    how_to_ru = "Ведите ладонями по стопе."
    picture = factory.LazyFunction(lambda: store_picture(DRAWING))
    image_alt_en = "Two palms on a foot."
    image_alt_ru = "Две ладони на стопе."


class BenefitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benefit
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"benefit-{n}")
    title_en = factory.Sequence(lambda n: f"Benefit {n}")
    title_ru = factory.Sequence(lambda n: f"Польза {n}")
    summary_en = "Feels good."
    summary_ru = "Приятно."
    body_en = "Longer text."
    body_ru = "Длинный текст."
    evidence_level = "some_evidence"


class ContraindicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contraindication
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"contraindication-{n}")
    name_en = factory.Sequence(lambda n: f"Condition {n}")
    name_ru = factory.Sequence(lambda n: f"Состояние {n}")
    severity = "take_care"
    description_en = "Be careful."
    description_ru = "Осторожно."


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routine
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"routine-{n}")
    title_en = factory.Sequence(lambda n: f"Routine {n}")
    title_ru = factory.Sequence(lambda n: f"Программа {n}")
    summary_en = "A short one."
    summary_ru = "Короткая."
    difficulty = "easy"
    status = "draft"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["slug"]

    slug = "whole-foot"
    name_en = "Whole foot"
    name_ru = "Вся стопа"
    max_pressure = 3


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step
        skip_postgeneration_save = True

    routine = factory.SubFactory(RoutineFactory)
    title_en = factory.Sequence(lambda n: f"Step {n}")
    title_ru = factory.Sequence(lambda n: f"Шаг {n}")
    instruction_en = "Do this."
    instruction_ru = "Сделайте это."
    technique = factory.SubFactory(TechniqueFactory)
    foot = "right"
    area = factory.SubFactory(AreaFactory)
    pressure = 2
    duration_seconds = 60
    repetitions = 3

    @factory.post_generation
    def zones(self, create, extracted, **kwargs):
        if create and extracted:
            self.zones.set(extracted)


def published_routine(slug, *, steps=3, zones=(), **fields):
    """A published routine of ``steps`` safe steps."""
    routine = RoutineFactory(slug=slug, **fields)
    for _ in range(steps):
        StepFactory(routine=routine, zones=list(zones))
    routine.publish()
    return routine


def safety_screen(**texts):
    """The safety screen, written in both languages unless ``texts`` blank some of it."""
    from routines.models import SafetyScreen

    english = {
        "title": "Before you start",
        "disclaimer": "Reflexology finds no illness.",
        "screen": "Do not massage if any of these applies.",
        "preparation": "Wash your hands.",
        "aftercare": "Rest a moment.",
        "when_to_stop": "Stop if it hurts.",
    }
    russian = {
        "title": "Перед началом",
        "disclaimer": "Рефлексология не выявляет болезней.",
        "screen": "Не делайте массаж, если что-то из этого относится к вам.",
        "preparation": "Вымойте руки.",
        "aftercare": "Отдохните.",
        "when_to_stop": "Остановитесь, если больно.",
    }
    values = {f"{name}_en": text for name, text in english.items()}
    values |= {f"{name}_ru": text for name, text in russian.items()}
    screen = SafetyScreen(**(values | texts))
    screen.save()
    return screen


def source_json(citation):
    """How the API shows a source made with only a citation: every reference field empty."""
    empty = ["title", "author", "publisher", "url", "doi", "isbn", "link", "supports"]
    return {"citation": citation, **dict.fromkeys(empty, ""), "year": None}


def without_ids(value):
    """An answer with every item's ``id`` and ``updated_at`` taken out (recursively), for
    comparing the rest of it with an expected value written by hand; ids and times have tests
    of their own (tests/api/test_identity.py, tests/api/test_updated_at.py)."""
    if isinstance(value, dict):
        return {
            key: without_ids(item) for key, item in value.items() if key not in ("id", "updated_at")
        }
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    return value
