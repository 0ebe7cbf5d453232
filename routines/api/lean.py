"""The routines' items as the lean sync sends them: each once, others referred to by id.

The same fields as the detail endpoints, except that a related item is its ``id`` (the lean
sync carries it in its own collection) and a link is kept on one side only: a routine names
its benefits, a benefit does not list its routines. Derived lists a client must not have to
work out for safety stay whole: a routine's ``contraindications`` are every one that applies.
"""

from drf_spectacular.utils import extend_schema_field

from footcare.api.serializers import references
from routines.api.serializers import (
    BenefitSerializer,
    ContraindicationSerializer,
    RoutineDetailSerializer,
    SafetyScreenSerializer,
    StepSerializer,
    general_contraindications,
)
from routines.models import Routine, SafetyScreen

IDS = {"type": "array", "items": {"type": "string", "format": "uuid"}}


class LeanContraindicationSerializer(ContraindicationSerializer):
    zones = references(many=True, help_text="Ids of the zones not to press (`zones`).")
    techniques = references(many=True, help_text="Ids of the techniques not to use.")
    sources = references(many=True, help_text="Ids of the sources (`sources`).")


class LeanBenefitSerializer(BenefitSerializer):
    """A benefit; the routines that serve it are those whose `benefits` name it."""

    audiences = references(many=True, help_text="Ids of the audiences (`audiences`).")
    sources = references(many=True, help_text="Ids of the sources (`sources`).")
    zones = references(many=True, help_text="Ids of the zones (`zones`).")

    class Meta(BenefitSerializer.Meta):
        fields = [name for name in BenefitSerializer.Meta.fields if name != "routines"]


class LeanStepSerializer(StepSerializer):
    technique = references(help_text="The technique's id (`techniques`).")
    zones = references(many=True, help_text="Ids of the zones it works (`zones`).")
    area = references(
        allow_null=True,
        help_text="The id of the whole area it works (`areas`); null if it names only zones.",
    )


class LeanRoutineSerializer(RoutineDetailSerializer):
    audiences = references(many=True, help_text="Ids of the audiences (`audiences`).")
    benefits = references(many=True, help_text="Ids of the benefits (`benefits`).")
    tools = references(
        many=True, help_text="Ids of what it needs besides hands (`tools`); [] for none."
    )
    steps = LeanStepSerializer(many=True, read_only=True)

    @extend_schema_field(
        {
            **IDS,
            "description": "Ids of every contraindication (`contraindications`) under which "
            "not to do this routine, or only with care: the general ones, those of the zones "
            "and techniques its steps use, and any its editors added. Show them before the "
            "first step.",
        }
    )
    def get_contraindications(self, routine: Routine) -> list[str]:  # type: ignore[override]
        return [str(item.uuid) for item in self.every_contraindication(routine)]


class LeanSafetyScreenSerializer(SafetyScreenSerializer):
    @extend_schema_field(
        {
            **IDS,
            "description": "Ids of the contraindications (`contraindications`) that apply "
            "whatever the routine: ask about each before the first session.",
        }
    )
    def get_conditions(self, screen: SafetyScreen) -> list[str]:  # type: ignore[override]
        return [str(item.uuid) for item in general_contraindications()]
