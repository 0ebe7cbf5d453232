"""The filters of the foot map's lists, each value one the contract can state."""

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from footcare.api.filters import item_filter, matching
from zones.models import BodyPart, BodySystem, Foot, FootSide, Region, Sensitivity, View, Zone


class ZoneFilter(filters.FilterSet):
    foot = filters.ChoiceFilter(
        choices=FootSide.choices,
        method="filter_foot",
        help_text="Zones present on this foot (including those on both feet).",
    )
    view = filters.ChoiceFilter(
        choices=View.choices, field_name="shapes__view", help_text="Zones drawn on this view."
    )
    region = filters.ChoiceFilter(choices=Region.choices)
    sensitivity = filters.ChoiceFilter(choices=Sensitivity.choices)
    body_part = item_filter("body_parts", "Zones linked to this body part.")
    body_system = filters.ChoiceFilter(
        choices=BodySystem.choices,
        method="filter_body_system",
        help_text="Zones linked to a body part of this system.",
    )
    longitudinal_zone = filters.ChoiceFilter(
        choices=[(str(n), str(n)) for n in range(1, 6)],
        field_name="longitudinal_zones",
        lookup_expr="contains",
        help_text="Zones lying in this longitudinal zone (1 big-toe side … 5 little-toe side).",
    )

    class Meta:
        model = Zone
        fields = [
            "foot",
            "view",
            "region",
            "sensitivity",
            "body_part",
            "body_system",
            "longitudinal_zone",
        ]

    def filter_foot(self, queryset: QuerySet[Zone], name: str, value: str) -> QuerySet[Zone]:
        return queryset.filter(Q(foot=value) | Q(foot=Foot.BOTH))

    def filter_body_system(self, queryset: QuerySet[Zone], name: str, value: str) -> QuerySet[Zone]:
        return queryset.filter(pk__in=matching(Zone, body_parts__system=value))


class BodyPartFilter(filters.FilterSet):
    system = filters.ChoiceFilter(choices=BodySystem.choices)

    class Meta:
        model = BodyPart
        fields = ["system"]
