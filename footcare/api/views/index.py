"""``/api/v1/``: what this version serves, with a link to each collection and to the docs."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

# (name, route name, what it is), in the order a client would explore them.
RESOURCES = [
    ("zones", "v1:zone-list", "Reflex zones of both feet, with pressure limits."),
    ("body_parts", "v1:body-part-list", "Body parts and the zones charts link them to."),
    ("foot_map", "v1:foot-map", "One foot seen from one side, ready to draw (JSON or SVG)."),
    ("techniques", "v1:technique-list", "Massage techniques and how to do each."),
    ("benefits", "v1:benefit-list", "Benefits of foot massage, with their evidence level."),
    ("contraindications", "v1:contraindication-list", "When not to massage, or only gently."),
    ("audiences", "v1:audience-list", "Who routines and benefits are meant for."),
    ("routines", "v1:routine-list", "Guided routines of ordered, timed steps."),
    ("safety", "v1:safety", "What to show before the first session."),
    ("sync", "v1:sync", "The whole catalogue for offline use, then only changes."),
    (
        "lean_sync",
        "v1:lean-sync",
        "The same, each item once and others by id: small deltas. For new apps.",
    ),
]
DOCUMENTS = [
    ("schema", "v1:schema", "The OpenAPI contract of this version."),
    ("docs", "v1:docs", "The contract as Swagger UI."),
    ("redoc", "v1:redoc", "The contract as Redoc."),
]


# A link must lead somewhere that answers: the foot map needs a foot and a view.
QUERIES = {"v1:foot-map": "?foot=left&view=plantar"}


def _link(name: str, route: str, title: str) -> dict[str, str]:
    return {"name": name, "href": reverse(route) + QUERIES.get(route, ""), "title": title}


class LinkSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="What the link leads to, for a program.")
    href = serializers.CharField(help_text="Its path on this host.")
    title = serializers.CharField(help_text="What it is, for a person.")


class ApiIndexSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="`v1`.")
    resources = LinkSerializer(many=True, help_text="Every collection of this version.")
    documents = LinkSerializer(many=True, help_text="The contract, and two ways to read it.")


class ApiIndexView(APIView):
    """The front door of the API: every collection and document of this version."""

    @extend_schema(
        operation_id="index",
        summary="What this version serves",
        description="A link to every collection and to the documentation of API v1.",
        responses=ApiIndexSerializer,
        examples=[
            OpenApiExample(
                "The index (shortened)",
                value={
                    "version": "v1",
                    "resources": [
                        {"name": "zones", "href": "/api/v1/zones/", "title": RESOURCES[0][2]}
                    ],
                    "documents": [
                        {"name": "schema", "href": "/api/v1/schema/", "title": DOCUMENTS[0][2]}
                    ],
                },
                response_only=True,
            )
        ],
        tags=["Index"],
    )
    def get(self, request: Request) -> Response:
        body: dict[str, Any] = {
            "version": "v1",
            "resources": [_link(*resource) for resource in RESOURCES],
            "documents": [_link(*document) for document in DOCUMENTS],
        }
        return Response(body)
