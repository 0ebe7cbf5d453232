"""factory_boy factories for the content models; each makes a valid row with little input."""

import factory

from zones.models import BodyPart, FootOutline, Landmark, Source, Zone, ZoneShape

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
                ZoneShape.objects.create(zone=self, view=view, polygons=polygons)


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
