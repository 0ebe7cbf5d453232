"""``/api/v1/``: what this version serves, with a link to each collection and to the docs."""

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from footcare.api.index_links import IndexLink
from footcare.hooks import AppHooks, contributions

# The core's own links (the syncs, the labels), after the apps' (``AppHooks.index_links``),
# then the documents.
CORE_LINKS = [
    IndexLink("sync", "v1:sync", "The whole catalogue for offline use, then only changes."),
    IndexLink(
        "lean_sync",
        "v1:lean-sync",
        "The same, each item once and others by id: small deltas. For new apps.",
    ),
    IndexLink("labels", "v1:labels", "What each enum value means: a label and an explanation."),
]
DOCUMENTS = [
    IndexLink("schema", "v1:schema", "The OpenAPI contract of this version."),
    IndexLink("docs", "v1:docs", "The contract as Swagger UI."),
    IndexLink("redoc", "v1:redoc", "The contract as Redoc."),
]


def resource_links() -> list[IndexLink]:
    """Every collection, in the order a client would explore them: the apps' in app order
    (the foot map before the routines drawn on it), then the syncs of them all and the
    labels of their enums."""
    return [*contributions(AppHooks.index_links), *CORE_LINKS]


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
                        {
                            "name": "zones",
                            "href": "/api/v1/zones/",
                            "title": resource_links()[0].title,
                        }
                    ],
                    "documents": [
                        {"name": "schema", "href": "/api/v1/schema/", "title": DOCUMENTS[0].title}
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
            "resources": [link.as_json() for link in resource_links()],
            "documents": [link.as_json() for link in DOCUMENTS],
        }
        return Response(body)
