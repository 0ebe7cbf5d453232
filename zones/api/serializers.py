"""The foot map's items as the API shows them, in lists and in detail."""

from typing import Any

from django.utils.encoding import iri_to_uri
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from footcare.api.serializers import ContentModelSerializer
from zones.models import (
    PRESSURE_LABELS,
    Area,
    BodyPart,
    FootSide,
    Source,
    View,
    Zone,
    pressure,
)

POINT_SCHEMA = {
    "type": "array",
    "items": {"type": "number", "format": "double", "minimum": 0, "maximum": 1},
    "minItems": 2,
    "maxItems": 2,
    "description": "[x, y], normalised 0..1 from the top left corner.",
}
POLYGON_SCHEMA = {"type": "array", "items": POINT_SCHEMA, "minItems": 3}
POLYGONS_SCHEMA = {"type": "array", "items": POLYGON_SCHEMA, "minItems": 1}


class PressureSerializer(serializers.Serializer):
    value = serializers.IntegerField(min_value=1, max_value=5, help_text="1 feather … 5 deep.")
    label = serializers.ChoiceField(choices=PRESSURE_LABELS)  # type: ignore[assignment]


@extend_schema_field(PressureSerializer)
class PressureField(serializers.Field):
    def to_representation(self, value: int) -> dict[str, Any]:
        return pressure(value)


@extend_schema_field(POLYGONS_SCHEMA)
class PolygonsField(serializers.JSONField):
    pass


class SkinSignsSerializer(serializers.Serializer):
    evidence = serializers.ChoiceField(
        choices=["traditional_belief"],
        help_text="Always `traditional_belief`: skin signs are not a diagnosis.",
    )
    text = serializers.CharField()


@extend_schema_field(
    # anyOf, not drf-spectacular's oneOf: where `format` is not asserted, "" would match both.
    {"anyOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]}
)
class URIField(serializers.URLField):
    """A web address as a URI: one with letters outside ASCII (an IRI, as editors paste them
    from a browser) goes out percent-encoded, as ``format: uri`` promises a client."""

    def to_representation(self, value: str) -> str:
        return iri_to_uri(value) or ""


class SourceSerializer(ContentModelSerializer):
    link = URIField(
        read_only=True,
        allow_blank=True,
        help_text="A link to follow: the URL, else the DOI as a link; may be empty.",
    )
    url = URIField(read_only=True, allow_blank=True, help_text="Where to read it, if it is online.")
    # Declared, so that the contract does not take the column's range from the database.
    year = serializers.IntegerField(
        read_only=True, allow_null=True, min_value=1000, max_value=2100, help_text="null: n.d."
    )

    class Meta:
        model = Source
        fields = [*Source.CITATION_FIELDS, "link", "supports"]


class SourceItemSerializer(SourceSerializer):
    """A source as a resource of its own: what zones, benefits and contraindications cite,
    with the slug it is found at."""

    class Meta(SourceSerializer.Meta):
        fields = ["slug", *SourceSerializer.Meta.fields, "updated_at"]


class BodyPartSummarySerializer(ContentModelSerializer):
    class Meta:
        model = BodyPart
        fields = ["slug", "name", "system"]


class ZoneSummarySerializer(ContentModelSerializer):
    """What another resource needs to name a zone and link to it."""

    class Meta:
        model = Zone
        fields = ["slug", "name", "foot", "region"]


class AreaSerializer(ContentModelSerializer):
    """A whole area of the foot that a step works, with its own pressure limit."""

    max_pressure = PressureField()

    class Meta:
        model = Area
        fields = ["slug", "name", "max_pressure", "updated_at"]


class AreaShapeSerializer(serializers.Serializer):
    view = serializers.ChoiceField(choices=View.choices)
    polygons = PolygonsField(help_text="Polygons on the RIGHT foot; mirror x for the left foot.")


class AreaDetailSerializer(AreaSerializer):
    """An area with where it lies on each view: a step that names only an area is drawn so."""

    shapes = AreaShapeSerializer(
        many=True,
        read_only=True,
        help_text="The area's polygons on each view where it can be seen (right-foot "
        "coordinates, like a zone's shapes); draw it under the zones.",
    )

    class Meta(AreaSerializer.Meta):
        fields = [*AreaSerializer.Meta.fields, "description", "shapes"]


def zone_views(zone: Zone) -> list[View]:
    """The views a zone is drawn on, from its prefetched shapes."""
    return [View(shape.view) for shape in zone.shapes.all()]


class ZoneBaseSerializer(ContentModelSerializer):
    views = serializers.SerializerMethodField(help_text="Views of the foot the zone is drawn on.")
    longitudinal_zones = serializers.ListField(
        source="longitudinal_zone_numbers",
        child=serializers.IntegerField(min_value=1, max_value=5),
        help_text="Longitudinal zones 1 (big-toe side) to 5 (little-toe side).",
    )
    recommended_pressure = PressureField()
    max_pressure = PressureField()

    class Meta:
        model = Zone
        fields = [
            "slug",
            "name",
            "foot",
            "region",
            "views",
            "longitudinal_zones",
            "sensitivity",
            "skin",
            "recommended_pressure",
            "max_pressure",
            "body_parts",
            "updated_at",
        ]

    def get_views(self, zone: Zone) -> list[View]:
        return zone_views(zone)


class ZoneListSerializer(ZoneBaseSerializer):
    body_parts: "serializers.SlugRelatedField[BodyPart]" = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )

    class Meta(ZoneBaseSerializer.Meta):
        pass


class ZoneShapeSerializer(serializers.Serializer):
    view = serializers.ChoiceField(choices=View.choices)
    polygons = PolygonsField(help_text="Polygons on the RIGHT foot; mirror x for the left foot.")


class ZoneDetailSerializer(ZoneBaseSerializer):
    body_parts = BodyPartSummarySerializer(many=True, read_only=True)
    traditional_skin_signs = serializers.SerializerMethodField()
    sources = SourceSerializer(many=True, read_only=True)
    shapes = ZoneShapeSerializer(many=True, read_only=True)
    overlaps = ZoneSummarySerializer(
        many=True,
        read_only=True,
        help_text="Zones that charts traditionally draw over this one; a step pressing it "
        "keeps to their pressure limits too.",
    )

    class Meta(ZoneBaseSerializer.Meta):
        fields = [
            *ZoneBaseSerializer.Meta.fields,
            "description",
            "technique_hints",
            "caution",
            "traditional_skin_signs",
            "tradition",
            "tradition_note",
            "sources",
            "shapes",
            "overlaps",
        ]

    @extend_schema_field(SkinSignsSerializer(allow_null=True))
    def get_traditional_skin_signs(self, zone: Zone) -> dict[str, str] | None:
        if not zone.skin_signs:
            return None
        return {"evidence": "traditional_belief", "text": zone.skin_signs}


class ZoneOnFootSerializer(ContentModelSerializer):
    """A zone as seen from a body part: where to press for it."""

    views = serializers.SerializerMethodField()
    max_pressure = PressureField()

    class Meta:
        model = Zone
        fields = ["slug", "name", "foot", "region", "views", "sensitivity", "max_pressure"]

    def get_views(self, zone: Zone) -> list[View]:
        return zone_views(zone)


class BodyPartSerializer(ContentModelSerializer):
    zones = ZoneOnFootSerializer(many=True, read_only=True)

    class Meta:
        model = BodyPart
        fields = ["slug", "name", "system", "description", "zones", "updated_at"]


class LandmarkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    points = serializers.ListField(child=serializers.ListField(child=serializers.FloatField()))


class FootMapZoneSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The zone's id.")
    slug = serializers.CharField()
    name = serializers.CharField()
    sensitivity = serializers.CharField()
    recommended_pressure = PressureField()
    max_pressure = PressureField()
    polygons = PolygonsField(help_text="Polygons on this foot, already mirrored for the left.")
    highlighted = serializers.BooleanField(
        help_text="Named in `?highlight=`: draw it so that it stands out (where to press now)."
    )


class FootMapAreaSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The area's id.")
    slug = serializers.CharField()
    name = serializers.CharField()
    max_pressure = PressureField()
    polygons = PolygonsField(help_text="Polygons on this foot, already mirrored for the left.")
    highlighted = serializers.BooleanField(
        help_text="Named in `?highlight=`: draw it under the zones so that it stands out "
        "(a step that works the whole area)."
    )


class FootMapSerializer(serializers.Serializer):
    foot = serializers.ChoiceField(choices=FootSide.choices)
    view = serializers.ChoiceField(choices=View.choices)
    aspect_ratio = serializers.FloatField(help_text="Width / height of the drawing.")
    outline = serializers.ListField(
        child=serializers.ListField(child=serializers.FloatField()),
        help_text="The foot's outline on this foot and view.",
    )
    landmarks = LandmarkSerializer(many=True)
    zones = FootMapZoneSerializer(many=True)
    areas = FootMapAreaSerializer(
        many=True, help_text="The areas that can be seen on this view, with their polygons."
    )

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return instance.as_data(highlight=self.context.get("highlight", frozenset()))
