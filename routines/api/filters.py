"""The filters of the routines' lists, each value one the contract can state."""

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from footcare.api.filters import PlainBooleanFilter, item_filter, matching, whole_number_filter
from routines.models import Benefit, Contraindication, Difficulty, Performer, Routine, Severity


class RoutineFilter(filters.FilterSet):
    benefit = item_filter("benefits", "Routines that serve this benefit.")
    audience = item_filter("audiences", "Routines meant for this audience.")
    performer = filters.ChoiceFilter(
        choices=Performer.choices,
        help_text="`self` for self-massage, `partner` for a massage given by someone else.",
    )
    tool = item_filter("tools", "Routines that use this tool.")
    without_tools = PlainBooleanFilter(
        method="filter_without_tools",
        help_text="`true`: routines that need nothing but hands; `false`: routines with a tool.",
    )
    difficulty = filters.ChoiceFilter(choices=Difficulty.choices)
    zone = item_filter("steps__zones", "Routines with a step on this zone.")
    body_part = item_filter(
        "steps__zones__body_parts", "Routines with a step on a zone linked to this body part."
    )
    max_duration_seconds = whole_number_filter(
        "total_duration_seconds", "lte", "Routines that take at most this many seconds."
    )

    class Meta:
        model = Routine
        fields = [
            "benefit",
            "audience",
            "performer",
            "tool",
            "without_tools",
            "difficulty",
            "zone",
            "body_part",
            "max_duration_seconds",
        ]

    def filter_without_tools(
        self, queryset: QuerySet[Routine], name: str, value: bool
    ) -> QuerySet[Routine]:
        with_tools = matching(Routine, tools__isnull=False)
        return queryset.exclude(pk__in=with_tools) if value else queryset.filter(pk__in=with_tools)


class BenefitFilter(filters.FilterSet):
    audience = item_filter("audiences", "Benefits for this audience.")

    class Meta:
        model = Benefit
        fields = ["audience", "evidence_level"]


class ContraindicationFilter(filters.FilterSet):
    severity = filters.ChoiceFilter(choices=Severity.choices)
    zone = item_filter("zones", "Contraindications that concern this zone.")

    class Meta:
        model = Contraindication
        fields = ["severity", "zone"]
