"""The foot map's endpoints: zones, body parts, areas, sources and the drawn foot map (JSON
and SVG)."""

from typing import Any

from django.db.models import QuerySet
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from footcare.api.documentation import documented, example
from footcare.api.filters import SLUG_MAX_LENGTH, SLUG_PATTERN, is_slug
from footcare.api.rendering import ORJSONRenderer
from footcare.api.viewsets import CatalogueViewSet
from footcare.content.identity import current_slugs
from footcare.content.translations import translated_columns
from zones.api import examples
from zones.api.filters import BodyPartFilter, ZoneFilter
from zones.api.renderers import FootMapSVGRenderer
from zones.api.serializers import (
    AreaDetailSerializer,
    AreaSerializer,
    BodyPartSerializer,
    FootMapSerializer,
    SourceItemSerializer,
    ZoneDetailSerializer,
    ZoneListSerializer,
)
from zones.foot_map import build_foot_map
from zones.models import Area, FootSide, Source, View, Zone
from zones.querysets import body_part_queryset, zone_detail_queryset

TAG = "Foot map"


@documented(
    TAG,
    "reflex zone",
    "Reflex zones of both feet, compact. Filter by foot, view, region, sensitivity, body part, "
    "body system or longitudinal zone; search names of zones and body parts.",
    "One zone with its body parts, pressure limits, hints, sources and its polygons on each "
    "view (right-foot coordinates). Skin signs are a traditional belief, never a diagnosis.",
    item=examples.ZONE_ITEM,
    detail=examples.ZONE_DETAIL,
    items_named="Zones",
    detail_named="The liver zone",
)
class ZoneViewSet(CatalogueViewSet):
    serializer_class = ZoneListSerializer
    detail_serializer_class = ZoneDetailSerializer
    filterset_class = ZoneFilter
    search_fields = translated_columns("name", "body_parts__name")
    ordering_fields = ["position", "slug", "name", "sensitivity", "max_pressure"]

    def get_queryset(self) -> QuerySet[Zone]:
        if self.action == "retrieve":
            return zone_detail_queryset()
        return Zone.objects.prefetch_related("body_parts", "shapes")


@documented(
    TAG,
    "body part",
    "Body parts with the zones that reflect them and on which foot.",
    "Where to press for this body part: its zones, feet and views.",
    item=examples.BODY_PART,
    detail=examples.BODY_PART,
    detail_named="The sinuses",
)
class BodyPartViewSet(CatalogueViewSet):
    queryset = body_part_queryset()
    serializer_class = BodyPartSerializer
    filterset_class = BodyPartFilter
    search_fields = translated_columns("name")
    ordering_fields = ["slug", "name", "system"]


@documented(
    TAG,
    "area",
    "Whole areas of the foot (the whole sole, the ankle, the toes …) that a step can work as "
    "one, each with its own pressure limit: what a step's `area` names.",
    "One area with its pressure limit and what it covers.",
    item=examples.AREA,
    detail=examples.AREA_DETAIL,
    detail_named="The whole sole",
)
class AreaViewSet(CatalogueViewSet):
    queryset = Area.objects.all()
    serializer_class = AreaSerializer
    detail_serializer_class = AreaDetailSerializer
    search_fields = translated_columns("name")
    ordering_fields = ["position", "slug", "name", "max_pressure"]


@documented(
    "Sources",
    "source",
    "The published references that zones, benefits and contraindications cite (books, "
    "articles, charts, web pages), each with a locator a reader can follow and what in the "
    "content it supports.",
    "One source.",
    item=examples.SOURCE_ITEM,
    detail=examples.SOURCE_ITEM,
    detail_named="A systematic review",
)
class SourceViewSet(CatalogueViewSet):
    queryset = Source.objects.all()
    serializer_class = SourceItemSerializer
    search_fields = ["citation", "title", "author"]
    ordering_fields = ["slug", "citation", "year"]


MAX_HIGHLIGHTED = 50


class FootMapParams(serializers.Serializer):
    foot = serializers.ChoiceField(choices=FootSide.choices, help_text="Which foot.")
    view = serializers.ChoiceField(choices=View.choices, help_text="Which side of the foot.")
    highlight = serializers.CharField(required=False)

    def validate_highlight(self, value: str) -> frozenset[str]:
        names = value.split(",")
        well_formed = all(is_slug(name) for name in names)
        if len(names) > MAX_HIGHLIGHTED or not well_formed:
            raise serializers.ValidationError(
                f"Give up to {MAX_HIGHLIGHTED} zones or areas by id or slug, separated by commas."
            )
        return frozenset(current_slugs(Zone, names) | current_slugs(Area, names))


# The schema of ``highlight``: written out, as a list the contract can state exactly. An id
# is written as a slug may be, so the item's form is the slug's.
HIGHLIGHT_PARAMETER = OpenApiParameter(
    "highlight",
    {
        "type": "array",
        "items": {"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX_LENGTH},
        "minItems": 1,
        "maxItems": MAX_HIGHLIGHTED,
    },
    style="form",
    explode=False,
    description="Zones to draw so that they stand out (a step's zones: where to press now), "
    "by id or slug, comma-separated; a slug a zone had before a rename still names it. Zones "
    "not on this foot and view are left out, and a name that names no zone highlights "
    "nothing; each zone says `highlighted`. Areas are named the same way (`whole-sole`, "
    "`ankle`: a step that works a whole area): the area is drawn under the zones, and says "
    "`highlighted`.",
)


SVG_EXAMPLE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 420.0 1000" role="img">'
    '<title>left foot, plantar view</title><path class="zone" id="zone-spleen" d="M …"/></svg>'
)
FOOT_MAP_DESCRIPTION = (
    "The outline, the landmark lines (diaphragm line, waistline, heel line) and every zone "
    "of one foot seen from one side, ready to draw. Coordinates run from 0 to 1 from the top "
    "left; the left foot is the mirror image of the right."
)


class FootMapView(APIView):
    """The foot map of one foot and view, as JSON or as an SVG picture."""

    renderer_classes = [ORJSONRenderer, FootMapSVGRenderer]

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])  # JSON or SVG, as the client asks
        return response

    @extend_schema(
        summary="Draw a foot",
        description=FOOT_MAP_DESCRIPTION
        + " Send `Accept: image/svg+xml` (or use `/foot-map.svg`) for a picture.",
        parameters=[FootMapParams, HIGHLIGHT_PARAMETER],
        responses={
            (200, "application/json"): FootMapSerializer,
            (200, "image/svg+xml"): OpenApiResponse(
                OpenApiTypes.STR, description="The same map as an SVG document."
            ),
        },
        examples=[example("The left sole (shortened)", examples.FOOT_MAP)],
        tags=[TAG],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        params = FootMapParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        chosen = dict(params.validated_data)
        highlight = chosen.pop("highlight", frozenset())
        foot_map = build_foot_map(**chosen)
        return Response(FootMapSerializer(foot_map, context={"highlight": highlight}).data)


class FootMapSVGView(FootMapView):
    """The foot map as an SVG picture."""

    renderer_classes = [FootMapSVGRenderer]
    # OPTIONS would describe the view in a dictionary, which an SVG renderer cannot draw.
    http_method_names = ["get", "head"]

    @extend_schema(
        summary="Draw a foot as SVG",
        description=FOOT_MAP_DESCRIPTION + " One `<path>` per zone, with its name as title.",
        parameters=[FootMapParams, HIGHLIGHT_PARAMETER],
        responses={(200, "image/svg+xml"): OpenApiTypes.STR},
        examples=[example("An SVG picture (shortened)", SVG_EXAMPLE, "image/svg+xml")],
        tags=[TAG],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
