"""Offline sync: the whole published catalogue once, then only what changed since a token.

Apps take part by giving their AppConfig a ``sync_resources()`` method returning
``SyncResource`` entries; this module knows no app. Tokens are signed journal positions
(``footcare.content.sync``).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from footcare.content import journal
from footcare.content.sync import TokenRejected, make_token, read_token

FULL_SYNC_REQUIRED = "urn:footcare:problem:full-sync-required"


@dataclass(frozen=True)
class SyncResource:
    """One kind of item in the catalogue, as the journal and the sync response name it."""

    resource: str  # the journal's name, e.g. "zone"
    collection: str  # the key in the response, e.g. "zones"
    serializer: type[serializers.BaseSerializer]
    load: Callable[[Sequence[str] | None, dict[str, Any]], list[dict[str, Any]]]
    key: str = "slug"  # the field of an item that the journal's slug refers to
    # The API paths that show these items, for warming the representation cache.
    paths: Callable[[], list[str]] = lambda: []


class FullSyncRequired(exceptions.APIException):
    status_code = 400
    default_detail = "This sync token cannot be used; start again with a full sync."
    problem_type = FULL_SYNC_REQUIRED
    problem_title = "Full sync required"


def sync_resources() -> list[SyncResource]:
    return [
        resource
        for config in apps.get_app_configs()
        if hasattr(config, "sync_resources")
        for resource in config.sync_resources()
    ]


class DeletionSerializer(serializers.Serializer):
    resource = serializers.CharField(help_text="The kind of item: zone, routine, …")
    slug = serializers.CharField(help_text="Its identifier (for foot maps, the view).")


def _sync_serializer() -> type[serializers.Serializer]:
    upserts = type(
        "SyncUpsertsSerializer",
        (serializers.Serializer,),
        {
            # A delta names only the collections that changed.
            resource.collection: resource.serializer(
                many=True, required=False, help_text=f"{resource.resource} items"
            )
            for resource in sync_resources()
        },
    )
    return type(
        "SyncSerializer",
        (serializers.Serializer,),
        {
            "full": serializers.BooleanField(
                help_text="True for a full catalogue: replace the local copy with it."
            ),
            "next_token": serializers.CharField(help_text="Send it as `token` next time."),
            "upserts": upserts(help_text="Items to add or replace, by collection."),
            "deletions": DeletionSerializer(many=True, help_text="Items to remove."),
        },
    )


class SyncView(APIView):
    """The catalogue for offline use: everything, or what changed since a token."""

    @extend_schema(
        summary="Sync the catalogue",
        description=(
            "Without `token`: the whole published catalogue (zones, body parts, foot-map "
            "outlines, benefits, techniques, contraindications, routines with steps), each "
            "item once, in the requested language, and a `next_token`.\n\n"
            "With `token`: only what changed since then: `upserts` to add or replace and "
            "`deletions` (deleted, withdrawn or unpublished items) to remove, and a new "
            "`next_token`. A 400 whose `type` is `" + FULL_SYNC_REQUIRED + "` means the "
            "token can no longer be used: drop the local copy and sync without a token."
        ),
        parameters=[
            OpenApiParameter(
                "token",
                # Empty allowed: a client that lost its token gets "full sync required", as
                # it always has, rather than a validation error it may not expect.
                {"type": "string", "pattern": r"^(?:[0-9]+:[A-Za-z0-9_-]+)?$"},
                description="The `next_token` of the previous sync. An empty, unknown or "
                "expired one is a 400 `" + FULL_SYNC_REQUIRED + "`.",
                required=False,
            )
        ],
        responses={200: _sync_serializer()},
        examples=[
            OpenApiExample(
                "An empty delta",
                value={
                    "full": False,
                    "next_token": "42:0Kq5Q3d6yqk1r7vE0mYQm1cGQ0o",
                    "upserts": {},
                    "deletions": [],
                },
                response_only=True,
            )
        ],
        tags=["Sync"],
    )
    def get(self, request: Request) -> Response:
        through, compacted = journal.positions()
        token = request.query_params.get("token")
        context = {"request": request}
        upserts: dict[str, list[dict[str, Any]]] = {}
        deletions: list[dict[str, str]] = []
        if token is None:
            for resource in sync_resources():
                upserts[resource.collection] = resource.load(None, context)
        else:
            try:
                since = read_token(token, through=through, compacted=compacted)
            except TokenRejected as rejected:
                raise FullSyncRequired(str(rejected)) from None
            changed = journal.changes_between(since, through)
            for resource in sync_resources():
                touched = sorted({slug for (kind, slug) in changed if kind == resource.resource})
                if not touched:
                    continue
                items = resource.load(touched, context)
                present = {str(item[resource.key]) for item in items}
                if items:
                    upserts[resource.collection] = items
                deletions += [
                    {"resource": resource.resource, "slug": slug}
                    for slug in touched
                    if slug not in present
                ]
        return Response(
            {
                "full": token is None,
                "next_token": make_token(through),
                "upserts": upserts,
                "deletions": deletions,
            },
            # An app syncs to be current: a shared cache must ask every time (a 304 when
            # nothing changed costs no body), never hand out a copy up to a minute old.
            headers={"Cache-Control": "public, no-cache"},
        )
