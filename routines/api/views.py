"""The routines' endpoints: benefits, techniques, contraindications, audiences, tools,
routines, the safety screen.
"""

from datetime import UTC, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.http.response import HttpResponseRedirectBase
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from footcare.api.deprecation import Deprecation
from footcare.api.documentation import documented, example
from footcare.api.language import language_of
from footcare.api.pictures import IMMUTABLE
from footcare.api.problems import problem_response
from footcare.api.rendering import SVGRenderer
from footcare.api.viewsets import CatalogueViewSet
from footcare.content.identity import renamed_to
from footcare.content.translations import translated_columns
from routines.api import examples
from routines.api.filters import BenefitFilter, ContraindicationFilter, RoutineFilter
from routines.api.pictures import drawing_url
from routines.api.serializers import (
    AudienceSerializer,
    BenefitSerializer,
    ContraindicationSerializer,
    RoutineDetailSerializer,
    RoutineListSerializer,
    SafetyScreenSerializer,
    TechniqueSerializer,
    ToolSerializer,
)
from routines.drawing import routine_map
from routines.models import (
    Audience,
    Benefit,
    Routine,
    SafetyScreen,
    Tool,
)
from routines.preview_links import LinkRefused, shown_by
from routines.querysets import (
    benefit_queryset,
    contraindication_queryset,
    routine_detail_queryset,
    routine_list_queryset,
    technique_queryset,
    with_drawings,
)
from zones.foot_map import backdrops


@documented(
    "Routines",
    "audience",
    "The groups of people routines and benefits are meant for (older people, athletes, office "
    "workers …): the values of the `audience` filters, with their names in the request's "
    "language.",
    "One audience.",
    item=examples.AUDIENCE,
    detail=examples.AUDIENCE,
)
class AudienceViewSet(CatalogueViewSet):
    queryset = Audience.objects.all()
    serializer_class = AudienceSerializer
    search_fields = translated_columns("name")
    ordering_fields = ["position", "slug", "name"]


@documented(
    "Routines",
    "tool",
    "What routines need besides hands (a towel, oil or cream, a ball …), with how to use each "
    "safely: the values of the routines' `tool` filter, with their names in the request's "
    "language.",
    "One tool and how to use it.",
    item=examples.TOOL,
    detail=examples.TOOL,
)
class ToolViewSet(CatalogueViewSet):
    queryset = Tool.objects.all()
    serializer_class = ToolSerializer
    search_fields = translated_columns("name")
    ordering_fields = ["position", "slug", "name"]


@documented(
    "Benefits",
    "benefit",
    "Benefits of foot massage with their evidence level: traditional belief, some evidence "
    "or good evidence. Filter by audience or evidence level.",
    "One benefit with its sources, related zones and the published routines that serve it.",
    item=examples.BENEFIT,
    detail=examples.BENEFIT,
)
class BenefitViewSet(CatalogueViewSet):
    serializer_class = BenefitSerializer
    filterset_class = BenefitFilter
    search_fields = translated_columns("title", "summary")
    ordering_fields = ["position", "slug", "title"]

    def get_queryset(self) -> QuerySet[Benefit]:
        return benefit_queryset()


@documented(
    "Techniques",
    "technique",
    "Massage techniques (stroking, thumb walking, kneading …) and how to do each.",
    "One technique and how to do it.",
    item=examples.TECHNIQUE,
    detail=examples.TECHNIQUE,
)
class TechniqueViewSet(CatalogueViewSet):
    queryset = technique_queryset()
    serializer_class = TechniqueSerializer
    search_fields = translated_columns("name")
    ordering_fields = ["position", "slug", "name"]


@documented(
    "Safety",
    "contraindication",
    "When not to massage the feet, or only carefully, and which zones each condition concerns. "
    "Filter by severity or zone.",
    "One contraindication with the zones to avoid or treat gently, and its sources.",
    item=examples.CONTRAINDICATION,
    detail=examples.CONTRAINDICATION,
)
class ContraindicationViewSet(CatalogueViewSet):
    queryset = contraindication_queryset()
    serializer_class = ContraindicationSerializer
    filterset_class = ContraindicationFilter
    search_fields = translated_columns("name")
    ordering_fields = ["position", "slug", "name", "severity"]


@documented(
    "Routines",
    "routine",
    "Published guided routines, compact, with total duration and step count. Filter by "
    "benefit, audience, who massages (yourself or a partner), tool, difficulty, zone, body part "
    "or maximum duration; order by title or duration.",
    "Everything a player screen needs in one call: the ordered steps with technique, foot, "
    "zones, pressure, seconds and repetitions; benefits; contraindications.",
    item=examples.ROUTINE_ITEM,
    detail=examples.ROUTINE_DETAIL,
)
class RoutineViewSet(CatalogueViewSet):
    serializer_class = RoutineListSerializer
    detail_serializer_class = RoutineDetailSerializer
    filterset_class = RoutineFilter
    search_fields = translated_columns("title", "summary")
    ordering_fields = ["title", "slug"]
    ordering_aliases = {"duration": "total_duration_seconds"}
    ordering = ["title"]

    def get_queryset(self) -> QuerySet[Routine]:
        if self.action == "retrieve":
            return routine_detail_queryset()
        return routine_list_queryset()


def safety_screen() -> SafetyScreen:
    screen = SafetyScreen.objects.filter(pk=SafetyScreen.LIVE).select_related("approval").first()
    if screen is None:
        raise Http404("No safety screen has been written yet.")
    return screen


class SafetyView(APIView):
    """The disclaimer and safety screen the app shows before the first session."""

    @extend_schema(
        summary="Get the safety screen and disclaimer",
        description="What the app shows before the first session, in the request's language: "
        "the disclaimer, the safety screen with the conditions under which not to massage "
        "(those that apply to every routine), how to prepare, aftercare, when to stop, and "
        "what each pressure level feels like. Show it before any routine and again whenever "
        "`updated_at` changes.",
        responses={200: SafetyScreenSerializer},
        examples=[example("The safety screen (shortened)", examples.SAFETY)],
        tags=["Safety"],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(SafetyScreenSerializer(safety_screen()).data)


class PreviewView(APIView):
    """A routine readers do not have yet, as the app will show it, to whoever holds its link."""

    @extend_schema(
        summary="Preview a routine before it is published",
        operation_id="previews_retrieve",
        description="The routine a preview link shows, in the shape of `GET /routines/{slug}/`: "
        "a draft, or a published routine's draft of changes as it will read once published "
        "(its `id` and `slug` are then the published routine's). For an editor's device or "
        "browser: the token comes from the routine's page in the admin, valid for a limited "
        "time (a day by default).\n\n"
        "Never stored by any cache (`Cache-Control: private, no-store`), never in a sync. "
        "**401** once the token has expired (or is not one the service issued), **404** once "
        "it was revoked or the draft it showed was published or discarded.",
        responses={200: RoutineDetailSerializer},
        examples=[example("A draft routine (shortened)", examples.ROUTINE_DETAIL)],
        tags=["Routines"],
    )
    def get(self, request: Request, token: str) -> Any:
        try:
            routine = shown_by(token)
        except LinkRefused as refused:
            headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
            return private(
                problem_response(
                    refused.status,
                    refused.detail,
                    headers=headers if refused.status == 401 else None,
                )
            )
        shown = routine_detail_queryset(Routine.objects.filter(pk=routine.pk)).get()
        if shown.draft_of_id is not None:
            # As it will read once published: under the published routine's id and address.
            live = Routine.objects.only("uuid", "slug").get(pk=shown.draft_of_id)
            shown.uuid, shown.slug = live.uuid, live.slug
        serializer = RoutineDetailSerializer(shown, context=self.get_serializer_context())
        return private(Response(serializer.data))

    def get_serializer_context(self) -> dict[str, Any]:
        return {"request": self.request, "format": self.format_kwarg, "view": self}


def private(response: Any) -> Any:
    """Marked as one reader's: no shared cache, nor the response cache, keeps it."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def routine_at(slug: str) -> Routine:
    """The published routine ``slug`` names, now or before a rename, with what its drawing
    reads; else a 404."""
    routines = with_drawings(Routine.objects.published())
    routine = routines.filter(slug=slug).first()
    if routine is None:
        current = renamed_to(Routine.objects.published(), slug)
        routine = routines.filter(slug=current).first() if current else None
    if routine is None:
        raise Http404("No published routine has this identifier.")
    return routine


def redirect(url: str, *, permanent: bool = False) -> HttpResponseRedirectBase:
    """A redirect to a routine's drawing that nobody keeps: where it leads depends on the
    content (and a slug renamed back would make a kept one loop)."""
    moved = HttpResponsePermanentRedirect if permanent else HttpResponseRedirect
    response = moved(url)
    response["Cache-Control"] = "no-cache"
    return response


MAP_EXAMPLE = OpenApiExample(
    "An SVG picture (shortened)",
    value='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000" '
    'width="1000" height="1000"><svg …><title>Where “Quick five minutes” works: '
    "Foot map: right foot, plantar</title>…</svg></svg>",
    media_type="image/svg+xml",
    response_only=True,
)


class RoutineMapView(APIView):
    """The picture of a routine that has none of its own: where its steps press, at an
    address that names its language and content, so its bytes never change."""

    renderer_classes = [SVGRenderer]
    # OPTIONS would describe the view in a dictionary, which an SVG renderer cannot draw.
    http_method_names = ["get", "head"]

    @extend_schema(
        summary="Draw where a routine works",
        operation_id="routines_map_retrieve",
        description="The foot map with the zones and areas the routine's steps work, in a "
        "1000 × 1000 frame and the language the address names: the picture a routine's "
        "`image` points to when its editors gave it none of their own. The right foot unless "
        "every step is on the left one; the view that shows most of the zones.\n\n"
        "The address is the one `image.url` gives: it names the language and a fingerprint of "
        "everything drawn, so its bytes never change and it may be cached for a year "
        "(`immutable`). When the routine or what it draws changes, its `image.url` changes "
        "too (a delta sync carries the routine), and the old address answers **302** to the "
        "new one; after a rename the old slug answers **301**.",
        responses={
            (200, "image/svg+xml"): OpenApiTypes.STR,
            (302, "image/svg+xml"): OpenApiResponse(
                description="The routine or what it draws changed: its picture now."
            ),
        },
        examples=[MAP_EXAMPLE],
        tags=["Routines"],
    )
    def get(self, request: Request, slug: str, language: str, fingerprint: str) -> Any:
        if language_of(language) != language:
            raise Http404("Pictures are drawn in English (en) and Russian (ru).")
        routine = routine_at(slug)
        with translation.override(language):
            drawing = routine_map(routine, backdrops())
            if drawing.fingerprint() != fingerprint:
                return redirect(drawing_url(drawing))
            if routine.slug != slug:
                return redirect(drawing_url(drawing), permanent=True)
            svg = drawing.svg()
        if svg is None:
            raise Http404("No foot outline has been drawn yet.")
        return Response(svg, headers={"Cache-Control": IMMUTABLE})


class CurrentRoutineMapView(APIView):
    """The address a routine's drawing had before it named its language and content."""

    renderer_classes = [SVGRenderer]
    http_method_names = ["get", "head"]
    deprecation = Deprecation(
        since=datetime(2026, 12, 6, tzinfo=UTC),
        link="/api/v1/redoc/#tag/Routines/operation/routines_map_retrieve",
    )

    @extend_schema(
        summary="Find a routine's current drawing",
        # As it was named when this address drew the picture: generated clients keep the name.
        operation_id="routines_map.svg_retrieve",
        description="A **302** to the drawing of the routine as it is now, in the request's "
        "language (`image.url` of the routine). Kept for clients that stored this address; "
        "use `image.url` instead.",
        responses={
            (302, "image/svg+xml"): OpenApiResponse(
                description="Where the routine's drawing is now, in the request's language."
            ),
        },
        tags=["Routines"],
    )
    def get(self, request: Request, slug: str) -> HttpResponseRedirectBase:
        return redirect(drawing_url(routine_map(routine_at(slug), backdrops())))
