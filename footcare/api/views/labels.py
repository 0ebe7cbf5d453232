"""``/api/v1/labels/``: every enum value the API uses, with a label and an explanation."""

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from footcare.api.labels import labels_serializer
from footcare.content.labels import labels_in


def shortened_example() -> dict[str, Any]:
    """The English labels, each enum with its first value only (the docs' example)."""
    labels = labels_in("en")
    return {key: value if key == "version" else value[:1] for key, value in labels.items()}


class LabelsView(APIView):
    """What each enum value means, for the apps to show instead of the bare key."""

    @extend_schema(
        operation_id="labels",
        summary="Labels of every enum value",
        description=(
            "Every enum the answers of this version use (`difficulty`, `severity`, `region`, "
            "…), each value with a label and a short explanation in the requested language, "
            "so that an app shows words rather than keys and ships no translations of its "
            "own. Each list is named after the enum it labels, and its `value` is that "
            "enum's schema (`SeverityEnum`), every value of it, in the contract's order.\n\n"
            "The labels change only with a release. The full syncs carry them as `labels`, "
            "and every sync answer carries their `labels_version`: when it differs from the "
            "`version` an app stored, fetch them again."
        ),
        responses=labels_serializer(),
        examples=[
            OpenApiExample(
                "Labels, the first value of each enum",
                value=shortened_example(),
                response_only=True,
            )
        ],
        tags=["Labels"],
    )
    def get(self, request: Request) -> Response:
        return Response(labels_in())
