"""The foot map's items as the lean sync sends them: each once, others referred to by id.

The same fields as the detail endpoints, except that a related item is its ``id`` (the lean
sync carries that item in its own collection) and a link is kept on one side only: a zone
names its body parts, a body part does not list its zones.
"""

from footcare.api.serializers import ContentModelSerializer, references
from zones.api.serializers import SourceItemSerializer, ZoneDetailSerializer
from zones.models import BodyPart, Source


class LeanSourceSerializer(SourceItemSerializer):
    class Meta(SourceItemSerializer.Meta):
        model = Source


class LeanZoneSerializer(ZoneDetailSerializer):
    body_parts = references(many=True, help_text="Ids of the body parts (`body_parts`).")
    sources = references(many=True, help_text="Ids of the sources (`sources`).")
    overlaps = references(
        many=True,
        help_text="Ids of the zones that charts traditionally draw over this one; a step "
        "pressing it keeps to their pressure limits too.",
    )


class LeanBodyPartSerializer(ContentModelSerializer):
    """A body part; its zones are those whose `body_parts` name it."""

    class Meta:
        model = BodyPart
        fields = ["slug", "name", "system", "description", "updated_at"]
