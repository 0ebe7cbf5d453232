"""The foot map's part of the offline catalogue (see footcare.api.sync)."""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from rest_framework import serializers

from footcare.api.sync import ItemPaths, SyncResource, loader
from zones.api.lean import LeanBodyPartSerializer, LeanSourceSerializer, LeanZoneSerializer
from zones.api.serializers import (
    AreaDetailSerializer,
    BodyPartSerializer,
    LandmarkSerializer,
    ZoneDetailSerializer,
)
from zones.models import Area, BodyPart, FootOutline, FootSide, Landmark, Source, View, Zone
from zones.querysets import body_part_queryset, zone_detail_queryset


class FootOutlineSerializer(serializers.Serializer):
    """One view's outline and landmark lines, on the right foot (mirror x for the left)."""

    view = serializers.ChoiceField(choices=View.choices)
    aspect_ratio = serializers.FloatField()
    outline = serializers.ListField(child=serializers.ListField(child=serializers.FloatField()))
    landmarks = LandmarkSerializer(many=True)
    updated_at = serializers.DateTimeField(
        help_text="When the outline or one of its landmark lines last changed."
    )


def _only(queryset: QuerySet[Any], slugs: Sequence[str] | None, field: str = "slug") -> Any:
    return queryset if slugs is None else queryset.filter(**{f"{field}__in": slugs})


def load_zones(slugs: Sequence[str] | None, context: dict[str, Any]) -> list[dict[str, Any]]:
    return ZoneDetailSerializer(
        _only(zone_detail_queryset(), slugs), many=True, context=context
    ).data  # type: ignore[return-value]


def load_body_parts(slugs: Sequence[str] | None, context: dict[str, Any]) -> list[dict[str, Any]]:
    return BodyPartSerializer(_only(body_part_queryset(), slugs), many=True, context=context).data  # type: ignore[return-value]


def load_foot_maps(views: Sequence[str] | None, context: dict[str, Any]) -> list[dict[str, Any]]:
    landmarks: dict[str, list[dict[str, Any]]] = {}
    changed: dict[str, datetime] = {}
    for landmark in _only(Landmark.objects.all(), views, "view"):
        landmarks.setdefault(landmark.view, []).append(
            {"slug": landmark.slug, "name": landmark.name, "points": landmark.points}
        )
        changed[landmark.view] = max(
            changed.get(landmark.view, landmark.updated_at), landmark.updated_at
        )
    as_text = serializers.DateTimeField().to_representation
    return [
        {
            "view": outline.view,
            "aspect_ratio": outline.aspect_ratio,
            "outline": outline.points,
            "landmarks": landmarks.get(outline.view, []),
            "updated_at": as_text(
                max(outline.updated_at, changed.get(outline.view, outline.updated_at))
            ),
        }
        for outline in _only(FootOutline.objects.all(), views, "view")
    ]


def paths_of(route: str, rows: Callable[[], QuerySet[Any]]) -> Callable[[], ItemPaths]:
    """The list and every detail path of a router-registered resource, for ``rows()``."""

    def paths() -> ItemPaths:
        slugs = rows().values_list("slug", flat=True)
        return {None: [reverse(f"v1:{route}-list")]} | {
            slug: [reverse(f"v1:{route}-detail", args=[slug])] for slug in slugs
        }

    return paths


def foot_map_paths() -> ItemPaths:
    views = FootOutline.objects.values_list("view", flat=True)
    return {
        view: [
            f"{reverse(name)}?foot={foot}&view={view}"
            for name in ("v1:foot-map", "v1:foot-map-svg")
            for foot in FootSide.values
        ]
        for view in views
    }


# Outlines embed nothing: the same in both syncs.
FOOT_MAPS = SyncResource(
    "foot_map",
    "foot_maps",
    FootOutlineSerializer,
    load_foot_maps,
    key="view",
    paths=foot_map_paths,
    # The foot-map endpoints draw the zones and areas and name the zones' body parts.
    shows=lambda path: ("zone", "body_part", "area"),
)

# Areas embed nothing; their shapes let a step that names only an area be drawn. In the lean
# sync only: the first sync's clients know its collections, and its deletions' enums stay as
# they were (its steps name their area inside the routine, as before).
AREAS = SyncResource(
    "area",
    "areas",
    AreaDetailSerializer,
    loader(lambda: Area.objects.prefetch_related("shapes"), AreaDetailSerializer),
)

RESOURCES = [
    SyncResource(
        "zone", "zones", ZoneDetailSerializer, load_zones, paths=paths_of("zone", Zone.objects.all)
    ),
    SyncResource(
        "body_part",
        "body_parts",
        BodyPartSerializer,
        load_body_parts,
        paths=paths_of("body-part", BodyPart.objects.all),
    ),
    FOOT_MAPS,
]

LEAN_RESOURCES = [
    SyncResource(
        "zone", "zones", LeanZoneSerializer, loader(zone_detail_queryset, LeanZoneSerializer)
    ),
    SyncResource(
        "body_part",
        "body_parts",
        LeanBodyPartSerializer,
        loader(BodyPart.objects.all, LeanBodyPartSerializer),
    ),
    FOOT_MAPS,
    AREAS,
    SyncResource(
        "source", "sources", LeanSourceSerializer, loader(Source.objects.all, LeanSourceSerializer)
    ),
]
