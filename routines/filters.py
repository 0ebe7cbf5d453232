from django_filters import rest_framework as filters

from routines.models import (
    Audience,
    Benefit,
    Contraindication,
    Difficulty,
    Performer,
    Routine,
    Severity,
    Tool,
)
from zones.models import BodyPart, Zone


class RoutineFilter(filters.FilterSet):
    benefit = filters.ModelChoiceFilter(
        queryset=Benefit.objects.all(), field_name="benefits", to_field_name="slug",
        help_text="Slug of a benefit the routine serves.",
    )  # fmt: skip
    audience = filters.ModelChoiceFilter(
        queryset=Audience.objects.all(), field_name="audiences", to_field_name="slug",
        help_text="Slug of an audience the routine is meant for.",
    )  # fmt: skip
    performer = filters.ChoiceFilter(
        choices=Performer.choices,
        help_text="`self` for self-massage, `partner` for a massage given by someone else.",
    )
    tool = filters.ModelChoiceFilter(
        queryset=Tool.objects.all(), field_name="tools", to_field_name="slug",
        help_text="Routines that use this tool (slug).",
    )  # fmt: skip
    without_tools = filters.BooleanFilter(
        field_name="tools", lookup_expr="isnull",
        help_text="`true`: routines that need nothing but hands.",
    )  # fmt: skip
    difficulty = filters.ChoiceFilter(choices=Difficulty.choices)
    zone = filters.ModelChoiceFilter(
        queryset=Zone.objects.all(), field_name="steps__zones", to_field_name="slug",
        distinct=True, help_text="Routines with a step on this zone (slug).",
    )  # fmt: skip
    body_part = filters.ModelChoiceFilter(
        queryset=BodyPart.objects.all(), field_name="steps__zones__body_parts",
        to_field_name="slug", distinct=True,
        help_text="Routines with a step on a zone linked to this body part (slug).",
    )  # fmt: skip
    max_duration_seconds = filters.NumberFilter(
        field_name="total_duration_seconds", lookup_expr="lte", min_value=0,
        help_text="Routines that take at most this many seconds.",
    )  # fmt: skip

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


class BenefitFilter(filters.FilterSet):
    audience = filters.ModelChoiceFilter(
        queryset=Audience.objects.all(), field_name="audiences", to_field_name="slug"
    )

    class Meta:
        model = Benefit
        fields = ["audience", "evidence_level"]


class ContraindicationFilter(filters.FilterSet):
    severity = filters.ChoiceFilter(choices=Severity.choices)
    zone = filters.ModelChoiceFilter(
        queryset=Zone.objects.all(), field_name="zones", to_field_name="slug",
        help_text="Contraindications that concern this zone (slug).",
    )  # fmt: skip

    class Meta:
        model = Contraindication
        fields = ["severity", "zone"]
