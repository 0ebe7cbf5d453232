"""The routines' items as the API shows them, in lists and in detail."""

from dataclasses import asdict
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from footcare.api.pictures import ImageSerializer, image
from footcare.api.serializers import ContentModelSerializer
from routines import models, player
from routines.api.pictures import routine_image
from zones.api.serializers import (
    AreaSerializer,
    PressureField,
    SourceSerializer,
    ZoneSummarySerializer,
)
from zones.models import Foot


class AudienceSerializer(ContentModelSerializer):
    class Meta:
        model = models.Audience
        fields = ["slug", "name", "updated_at"]


class ToolSerializer(ContentModelSerializer):
    class Meta:
        model = models.Tool
        fields = ["slug", "name", "description", "updated_at"]


class TechniqueSummarySerializer(ContentModelSerializer):
    class Meta:
        model = models.Technique
        fields = ["slug", "name"]


class TechniqueSerializer(ContentModelSerializer):
    image = serializers.SerializerMethodField(help_text="A picture of the movement.")

    class Meta:
        model = models.Technique
        fields = ["slug", "name", "how_to", "image", "updated_at"]

    @extend_schema_field(ImageSerializer)
    def get_image(self, technique: models.Technique) -> dict[str, Any]:
        return image(technique.picture, technique.image_alt)


class ContraindicationSummarySerializer(ContentModelSerializer):
    class Meta:
        model = models.Contraindication
        fields = ["slug", "name", "severity"]


class ContraindicationSerializer(ContentModelSerializer):
    zones = ZoneSummarySerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    techniques = TechniqueSummarySerializer(many=True, read_only=True)

    class Meta:
        model = models.Contraindication
        fields = [
            "slug",
            "name",
            "severity",
            "description",
            "applies_to_every_routine",
            "zones",
            "techniques",
            "sources",
            "updated_at",
        ]


class BenefitSummarySerializer(ContentModelSerializer):
    class Meta:
        model = models.Benefit
        fields = ["slug", "title", "evidence_level"]


class SlugListField(serializers.ListField):
    """Slugs annotated as a JSON array (``RoutineQuerySet.with_slugs``), in slug order."""

    child = serializers.CharField()

    def get_attribute(self, instance: Any) -> Any:
        # The annotation is NULL when there are none; DRF would serialise that as null.
        return super().get_attribute(instance) or []

    def to_representation(self, data: Any) -> list[str]:
        return sorted(data or [])


class ReviewerSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The reviewer's name as readers are told it.")
    role = serializers.CharField(help_text="What the reviewer is: podiatrist, nurse …")


class ReviewSerializer(serializers.Serializer):
    """Who checked the routine as readers have it, and when."""

    reviewed_at = serializers.DateTimeField(source="approved_at")
    reviewer = serializers.SerializerMethodField()

    @extend_schema_field(ReviewerSerializer)
    def get_reviewer(self, approval: models.Approval) -> dict[str, str]:
        return {"name": approval.reviewer_name, "role": approval.reviewer_role}


class RoutineListSerializer(ContentModelSerializer):
    total_duration_seconds = serializers.IntegerField(
        source="total_duration", help_text="The sum of the steps' durations."
    )
    step_count = serializers.IntegerField()
    audiences = SlugListField(source="audience_slugs", read_only=True)
    benefits = SlugListField(source="benefit_slugs", read_only=True)
    tools = SlugListField(
        source="tool_slugs", read_only=True, help_text="What it needs besides hands; [] for none."
    )
    image = serializers.SerializerMethodField(
        help_text="The editors' picture, or else the foot map with the zones the routine "
        "works highlighted."
    )

    review = ReviewSerializer(
        source="approval",
        read_only=True,
        allow_null=True,
        help_text="The reviewer (a clinician) who approved this version of the routine, and "
        "when; null for a routine published before review was required.",
    )

    @extend_schema_field(ImageSerializer)
    def get_image(self, routine: models.Routine) -> dict[str, Any]:
        return routine_image(routine, self.context)

    class Meta:
        model = models.Routine
        fields = [
            "slug",
            "title",
            "summary",
            "difficulty",
            "performer",
            "total_duration_seconds",
            "step_count",
            "audiences",
            "tools",
            "benefits",
            "published_at",
            "updated_at",
            "image",
            "review",
        ]


class BenefitSerializer(ContentModelSerializer):
    audiences = AudienceSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    zones = ZoneSummarySerializer(many=True, read_only=True)
    routines = serializers.SerializerMethodField(help_text="Published routines that serve it.")

    class Meta:
        model = models.Benefit
        fields = [
            "slug",
            "title",
            "summary",
            "body",
            "evidence_level",
            "evidence_note",
            "audiences",
            "sources",
            "zones",
            "routines",
            "updated_at",
        ]

    def get_routines(self, benefit: models.Benefit) -> list[dict[str, Any]]:
        # Prefetched as ``published_routines`` by the view: drafts never reach this list.
        routines = benefit.published_routines  # type: ignore[attr-defined]
        return RoutineSummarySerializer(routines, many=True).data  # type: ignore[return-value]


class RoutineSummarySerializer(ContentModelSerializer):
    class Meta:
        model = models.Routine
        fields = ["slug", "title", "difficulty"]


class CueSerializer(serializers.Serializer):
    at_seconds = serializers.IntegerField(
        min_value=0, help_text="When to say it, in seconds from the start of the step."
    )
    kind = serializers.ChoiceField(
        choices=player.CueKind.ALL,
        help_text="`switch_foot` (the step is on another foot than the one before), `start` "
        "(the step's narration), `repeat` (the next repetition begins), `breathe`, `end` (the "
        "session is over).",
    )
    text = serializers.CharField(help_text="What to say, in the request's language.")


class TimelineEntrySerializer(serializers.Serializer):
    position = serializers.IntegerField(min_value=1, help_text="The step's position.")
    starts_at_seconds = serializers.IntegerField(
        min_value=0, help_text="From the start of the session."
    )
    ends_at_seconds = serializers.IntegerField(
        min_value=0, help_text="From the start of the session; the next step starts here."
    )


class TimelineSerializer(serializers.Serializer):
    total_seconds = serializers.IntegerField(
        min_value=0, help_text="The whole session: where the last step ends."
    )
    steps = TimelineEntrySerializer(many=True)


class StepSerializer(ContentModelSerializer):
    number = serializers.IntegerField(source="position", help_text="1, 2, 3 … in order.")
    position = serializers.IntegerField(
        read_only=True, min_value=1, help_text="1, 2, 3 … in order (the same as `number`)."
    )
    side = serializers.ChoiceField(
        source="foot",
        choices=Foot.choices,
        read_only=True,
        help_text="Which foot the step works: `left`, `right` or `both` (the same as `foot`).",
    )
    cues = serializers.SerializerMethodField(
        help_text="What a guided-session player says during the step, and when."
    )
    technique = TechniqueSummarySerializer(read_only=True)
    pressure = PressureField()
    zones = ZoneSummarySerializer(many=True, read_only=True)
    area = AreaSerializer(
        read_only=True,
        allow_null=True,
        help_text="The whole area the step works, with its pressure limit; null if it names "
        "only zones.",
    )
    narration = serializers.SerializerMethodField(
        help_text="Text for text-to-speech: the narration, or the instruction if none was written."
    )

    class Meta:
        model = models.Step
        fields = ["number", *models.Step.SHOWN, "side", "cues"]

    def get_narration(self, step: models.Step) -> str:
        return step.spoken

    @extend_schema_field(CueSerializer(many=True))
    def get_cues(self, step: models.Step) -> list[dict[str, Any]]:
        # The routine serializer works out every step's cues at once (a cue depends on the
        # step before and on which step is last); a step on its own has no neighbours.
        cues = self.context.get("step_cues", {}).get(step.pk)
        if cues is None:
            cues = player.step_cues(step, None, last=False)
        return [asdict(cue) for cue in cues]


class RoutineDetailSerializer(RoutineListSerializer):
    audiences = AudienceSerializer(many=True, read_only=True)  # type: ignore[assignment]
    benefits = BenefitSummarySerializer(many=True, read_only=True)  # type: ignore[assignment]
    tools = ToolSerializer(many=True, read_only=True)  # type: ignore[assignment]
    contraindications = serializers.SerializerMethodField(
        help_text="Every condition under which not to do this routine, or only with care: "
        "those that apply to every routine, those of the zones and techniques its steps use, "
        "and any its editors added. Show them before the first step."
    )
    steps = StepSerializer(many=True, read_only=True)
    timeline = serializers.SerializerMethodField(
        help_text="The session as a player runs it: when each step starts and ends, and the "
        "total, which equals `total_duration_seconds`."
    )

    def to_representation(self, routine: models.Routine) -> dict[str, Any]:
        steps = list(routine.steps.all())
        cues = self.context.setdefault("step_cues", {})
        cues.update(zip((step.pk for step in steps), player.cues(steps), strict=True))
        return super().to_representation(routine)

    @extend_schema_field(TimelineSerializer)
    def get_timeline(self, routine: models.Routine) -> dict[str, Any]:
        entries = player.timeline(list(routine.steps.all()))
        return {
            "total_seconds": entries[-1].ends_at_seconds if entries else 0,
            "steps": [asdict(entry) for entry in entries],
        }

    @extend_schema_field(ContraindicationSummarySerializer(many=True))
    def get_contraindications(self, routine: models.Routine) -> list[dict[str, Any]]:
        items = self.every_contraindication(routine)
        return ContraindicationSummarySerializer(items, many=True).data  # type: ignore[return-value]

    def every_contraindication(self, routine: models.Routine) -> list[models.Contraindication]:
        """The general ones, the routine's own, and those of its steps' zones and techniques.

        From what routine_detail_queryset prefetched, plus the general ones, read once per
        answer (a sync of many routines shares the serializer's context).
        """
        if "general_contraindications" not in self.context:
            self.context["general_contraindications"] = list(general_contraindications())
        found = {item.pk: item for item in self.context["general_contraindications"]}
        found |= {item.pk: item for item in routine.contraindications.all()}
        for step in routine.steps.all():
            for zone in step.zones.all():
                found |= {item.pk: item for item in zone.contraindications.all()}
            technique_items = step.technique.contraindications.all()  # type: ignore[attr-defined]
            found |= {item.pk: item for item in technique_items}
        return sorted(found.values(), key=lambda item: (item.position, item.slug))

    class Meta(RoutineListSerializer.Meta):
        fields = [
            *RoutineListSerializer.Meta.fields,
            "introduction",
            "not_for",
            "safety_notes",
            "contraindications",
            "steps",
            "timeline",
        ]


def general_contraindications() -> Any:
    """The contraindications that apply to every routine (the safety screen's conditions)."""
    return models.Contraindication.objects.filter(applies_to_every_routine=True)


class PressureLevelSerializer(ContentModelSerializer):
    # Declared, so that the contract does not take the column's range from the database.
    level = serializers.IntegerField(read_only=True, min_value=1, max_value=5)
    key = serializers.CharField(read_only=True, help_text="feather, light, moderate, firm, deep.")

    class Meta:
        model = models.PressureLevel
        fields = ["level", "key", "feels_like"]


class SafetyScreenSerializer(ContentModelSerializer):
    """What the app shows before the first session, in the request's language."""

    slug = serializers.SerializerMethodField(help_text="Always `safety`: the sync's key for it.")
    conditions = serializers.SerializerMethodField(
        help_text="The conditions under which not to massage, or only with care, whatever the "
        "routine: ask about each before the first session."
    )
    pressure_scale = serializers.SerializerMethodField(
        help_text="What pressure 1 to 5 feels like, in words."
    )
    review = ReviewSerializer(
        source="approval",
        read_only=True,
        allow_null=True,
        help_text="The reviewer (a clinician) who approved these texts, and when; null until "
        "a reviewer approves them (changed texts need a new approval).",
    )

    class Meta:
        model = models.SafetyScreen
        fields = [
            "slug",
            "title",
            "disclaimer",
            "screen",
            "conditions",
            "preparation",
            "aftercare",
            "when_to_stop",
            "pressure_scale",
            "updated_at",
            "review",
        ]

    def get_slug(self, screen: models.SafetyScreen) -> str:
        return "safety"

    @extend_schema_field(ContraindicationSerializer(many=True))
    def get_conditions(self, screen: models.SafetyScreen) -> list[dict[str, Any]]:
        general = general_contraindications().prefetch_related("zones", "sources", "techniques")
        return ContraindicationSerializer(general, many=True).data  # type: ignore[return-value]

    @extend_schema_field(PressureLevelSerializer(many=True))
    def get_pressure_scale(self, screen: models.SafetyScreen) -> list[dict[str, Any]]:
        levels = models.PressureLevel.objects.order_by("level")
        return PressureLevelSerializer(levels, many=True).data  # type: ignore[return-value]
