"""The routines' part of the offline catalogue (see footcare.api.sync)."""

from collections.abc import Sequence
from typing import Any

from django.urls import reverse

from footcare.api.language import supported_languages
from footcare.api.sync import ItemPaths, SyncResource, loader
from routines.api.lean import (
    LeanBenefitSerializer,
    LeanContraindicationSerializer,
    LeanRoutineSerializer,
    LeanSafetyScreenSerializer,
)
from routines.api.pictures import map_urls
from routines.api.serializers import (
    AudienceSerializer,
    BenefitSerializer,
    ContraindicationSerializer,
    RoutineDetailSerializer,
    SafetyScreenSerializer,
    TechniqueSerializer,
    ToolSerializer,
)
from routines.models import (
    Audience,
    Benefit,
    Contraindication,
    Routine,
    SafetyScreen,
    Technique,
    Tool,
)
from routines.querysets import (
    benefit_queryset,
    contraindication_queryset,
    routine_detail_queryset,
    technique_queryset,
    with_drawings,
)
from zones.api.sync import paths_of


def safety_loader(serializer: type[SafetyScreenSerializer]) -> Any:
    """The one safety screen, whatever slugs are asked for (its journal key is ``safety``)."""

    def load(slugs: Sequence[str] | None, context: dict[str, Any]) -> list[dict[str, Any]]:
        screens = SafetyScreen.objects.filter(pk=SafetyScreen.LIVE).select_related("approval")
        return serializer(screens, many=True, context=context).data  # type: ignore[return-value]

    return load


def routine_paths() -> ItemPaths:
    """The list, and each published routine's detail and drawing of where it works (its
    ``image`` when it has none of its own), in each language."""
    paths = paths_of("routine", Routine.objects.published)()
    drawings = map_urls(
        with_drawings(Routine.objects.published()),
        supported_languages(),
    )
    for slug, urls in drawings.items():
        paths[slug] += urls
    return paths


TECHNIQUES = SyncResource(
    "technique",
    "techniques",
    TechniqueSerializer,
    loader(technique_queryset, TechniqueSerializer),
    paths=paths_of("technique", Technique.objects.all),
)

RESOURCES = [
    SyncResource(
        "safety",
        "safety",
        SafetyScreenSerializer,
        safety_loader(SafetyScreenSerializer),
        paths=lambda: {None: [reverse("v1:safety")]},
    ),
    SyncResource(
        "benefit",
        "benefits",
        BenefitSerializer,
        loader(benefit_queryset, BenefitSerializer),
        paths=paths_of("benefit", Benefit.objects.all),
    ),
    TECHNIQUES,
    SyncResource(
        "contraindication",
        "contraindications",
        ContraindicationSerializer,
        loader(contraindication_queryset, ContraindicationSerializer),
        paths=paths_of("contraindication", Contraindication.objects.all),
    ),
    SyncResource(
        "routine",
        "routines",
        RoutineDetailSerializer,
        loader(routine_detail_queryset, RoutineDetailSerializer),
        paths=routine_paths,
        # A routine's drawing shows the foot's outline and the zones and areas it works.
        shows=lambda path: ("foot_map", "zone", "area") if path.endswith(".svg") else (),
    ),
]


LEAN_RESOURCES = [
    SyncResource(
        "safety",
        "safety",
        LeanSafetyScreenSerializer,
        safety_loader(LeanSafetyScreenSerializer),
    ),
    SyncResource(
        "benefit",
        "benefits",
        LeanBenefitSerializer,
        loader(
            lambda: Benefit.objects.prefetch_related("audiences", "sources", "zones"),
            LeanBenefitSerializer,
        ),
    ),
    TECHNIQUES,  # no embedded items: the same in both syncs
    SyncResource(
        "contraindication",
        "contraindications",
        LeanContraindicationSerializer,
        loader(contraindication_queryset, LeanContraindicationSerializer),
    ),
    SyncResource(
        "routine",
        "routines",
        LeanRoutineSerializer,
        loader(routine_detail_queryset, LeanRoutineSerializer),
    ),
    SyncResource(
        "audience",
        "audiences",
        AudienceSerializer,
        loader(Audience.objects.all, AudienceSerializer),
    ),
    SyncResource("tool", "tools", ToolSerializer, loader(Tool.objects.all, ToolSerializer)),
]
