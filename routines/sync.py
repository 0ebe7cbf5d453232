"""The routines' part of the offline catalogue (see footcare.api.sync)."""

from collections.abc import Sequence
from typing import Any

from django.urls import reverse

from footcare.api.sync import SyncResource
from routines.models import Benefit, Contraindication, Routine, SafetyScreen, Technique
from routines.serializers import (
    BenefitSerializer,
    ContraindicationSerializer,
    RoutineDetailSerializer,
    SafetyScreenSerializer,
    TechniqueSerializer,
)
from routines.views import benefit_queryset, routine_detail_queryset
from zones.sync import paths_of


def _loader(queryset_factory: Any, serializer: Any) -> Any:
    def load(slugs: Sequence[str] | None, context: dict[str, Any]) -> list[dict[str, Any]]:
        queryset = queryset_factory()
        if slugs is not None:
            queryset = queryset.filter(slug__in=slugs)
        return serializer(queryset, many=True, context=context).data

    return load


def load_safety(slugs: Sequence[str] | None, context: dict[str, Any]) -> list[dict[str, Any]]:
    screens = SafetyScreen.objects.filter(pk=1)
    return SafetyScreenSerializer(screens, many=True, context=context).data  # type: ignore[return-value]


RESOURCES = [
    SyncResource(
        "safety",
        "safety",
        SafetyScreenSerializer,
        load_safety,
        paths=lambda: [reverse("v1:safety")],
    ),
    SyncResource(
        "benefit",
        "benefits",
        BenefitSerializer,
        _loader(benefit_queryset, BenefitSerializer),
        paths=paths_of("benefit", Benefit.objects.all),
    ),
    SyncResource(
        "technique",
        "techniques",
        TechniqueSerializer,
        _loader(Technique.objects.all, TechniqueSerializer),
        paths=paths_of("technique", Technique.objects.all),
    ),
    SyncResource(
        "contraindication",
        "contraindications",
        ContraindicationSerializer,
        _loader(
            lambda: Contraindication.objects.prefetch_related("zones", "sources", "techniques"),
            ContraindicationSerializer,
        ),
        paths=paths_of("contraindication", Contraindication.objects.all),
    ),
    SyncResource(
        "routine",
        "routines",
        RoutineDetailSerializer,
        _loader(routine_detail_queryset, RoutineDetailSerializer),
        paths=paths_of("routine", Routine.objects.published),
    ),
]
