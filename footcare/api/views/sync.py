"""The two sync endpoints, /sync/ and /sync/lean/ (see footcare.api.sync)."""

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from footcare.api.labels import labels_serializer
from footcare.api.sync import (
    FULL_SYNC_REQUIRED,
    FullSyncRequired,
    SyncResource,
    lean_sync_resources,
    sync_resources,
)
from footcare.content import journal
from footcare.content.labels import labels_in
from footcare.content.sync import TokenRejected, make_token, read_token


def _answer_serializer(
    prefix: str, resources: list[SyncResource], *, every_collection: bool
) -> type[serializers.Serializer]:
    """The schema of a sync answer (``SyncSerializer``, ``LeanSyncSerializer``, …).

    ``every_collection``: a delta has every collection (``[]`` when nothing changed), not
    only those that changed.
    """
    upserts = type(
        f"{prefix}UpsertsSerializer",
        (serializers.Serializer,),
        {
            resource.collection: resource.serializer(
                many=True, required=every_collection, help_text=f"{resource.resource} items"
            )
            for resource in resources
        },
    )
    deletion = type(
        f"{prefix.removesuffix('Sync')}DeletionSerializer",
        (serializers.Serializer,),
        {
            "resource": serializers.ChoiceField(
                choices=[resource.resource for resource in resources],
                help_text="The kind of item, in the singular.",
            ),
            "collection": serializers.ChoiceField(
                choices=[resource.collection for resource in resources],
                help_text="The collection of `upserts` that holds such items.",
            ),
            "slug": serializers.CharField(help_text="Its slug (for foot maps, the view)."),
            "id": serializers.UUIDField(
                allow_null=True,
                help_text="Its id; null for items without one (foot maps, the safety screen) "
                "and for deletions recorded before items had ids.",
            ),
        },
    )
    return type(
        f"{prefix}Serializer",
        (serializers.Serializer,),
        {
            "full": serializers.BooleanField(
                help_text="True for a full catalogue: replace the local copy with it."
            ),
            "next_token": serializers.CharField(help_text="Send it as `token` next time."),
            "upserts": upserts(help_text="Items to add or replace, by collection."),
            "deletions": deletion(many=True, help_text="Items to remove."),
            "labels": labels_serializer()(
                help_text="In a full sync only: the labels of every enum value, as "
                "`/api/v1/labels/` answers them."
            ),
            "labels_version": serializers.CharField(
                help_text="The `version` of the labels in this language. They change only "
                "with a release, so a delta does not carry them: when this differs from the "
                "one stored, fetch `/api/v1/labels/` (or sync in full)."
            ),
        },
    )


def empty_delta(upserts: dict[str, list[Any]]) -> OpenApiExample:
    """The docs' example of a delta when nothing changed (``upserts`` as the answer has them)."""
    return OpenApiExample(
        "An empty delta",
        value={
            "full": False,
            "next_token": "42:0Kq5Q3d6yqk1r7vE0mYQm1cGQ0o",
            "upserts": upserts,
            "deletions": [],
            "labels_version": "1002e5b010cbefac",
        },
        response_only=True,
    )


TOKEN_PARAMETER = OpenApiParameter(
    "token",
    # Empty allowed: a client that lost its token gets "full sync required", as it always
    # has, rather than a validation error it may not expect.
    {"type": "string", "pattern": r"^(?:[0-9]+:[A-Za-z0-9_-]+)?$"},
    description="The `next_token` of the previous sync. An empty, unknown or expired one is a "
    "400 `" + FULL_SYNC_REQUIRED + "`.",
    required=False,
)


class SyncView(APIView):
    """The catalogue for offline use: everything, or what changed since a token."""

    @extend_schema(
        summary="Sync the catalogue (items with embedded copies)",
        description=(
            "Without `token`: the whole published catalogue (zones, body parts, foot-map "
            "outlines, benefits, techniques, contraindications, routines with steps), in the "
            "requested language, and a `next_token`. Items carry copies of the items they "
            "show, as the detail endpoints do, so an edit of one zone resends every routine "
            "that shows it: new apps should use `/api/v1/sync/lean/`.\n\n"
            "With `token`: only what changed since then: `deletions` (deleted, withdrawn or "
            "unpublished items, and the old slug of a renamed one) to remove, then `upserts` "
            "to add or replace, and a new `next_token`. Apply the deletions first: a renamed "
            "item is a deletion of its old slug and an upsert with the same `id`. A 400 whose "
            "`type` is `" + FULL_SYNC_REQUIRED + "` means the token can no longer be used: "
            "drop the local copy and sync without a token."
        ),
        parameters=[TOKEN_PARAMETER],
        responses={200: _answer_serializer("Sync", sync_resources(), every_collection=False)},
        examples=[empty_delta({})],
        tags=["Sync"],
    )
    def get(self, request: Request) -> Response:
        return _sync(request, sync_resources(), lean=False)


class LeanSyncView(APIView):
    """The catalogue for offline use, each item once: everything, or what changed."""

    @extend_schema(
        summary="Sync the catalogue (each item once, by id)",
        description=(
            "Without `token`: the whole published catalogue in the requested language, each "
            "item once in its collection, and a `next_token`. An item refers to others by "
            "`id` (a step's `technique`, a zone's `body_parts`), and a link is kept on one "
            "side only: a zone names its body parts, a routine its benefits. Store items by "
            "`id`.\n\n"
            "With `token`: only the items that changed since then, each once: an edit of one "
            "zone is that zone, not the routines that press it. Every collection is present "
            "(`[]` when none of its items changed). `upserts` replace items by `id` (a renamed "
            "item is an upsert with its old `id` and new `slug`); `deletions` remove them. A "
            "400 whose `type` is `" + FULL_SYNC_REQUIRED + "` means the token can no longer "
            "be used: drop the local copy and sync without a token. Tokens of `/sync/` and "
            "`/sync/lean/` are the same."
        ),
        parameters=[TOKEN_PARAMETER],
        responses={
            200: _answer_serializer("LeanSync", lean_sync_resources(), every_collection=True)
        },
        examples=[empty_delta({resource.collection: [] for resource in lean_sync_resources()})],
        tags=["Sync"],
    )
    def get(self, request: Request) -> Response:
        return _sync(request, lean_sync_resources(), lean=True)


def _sync(request: Request, resources: list[SyncResource], *, lean: bool) -> Response:
    """The answer for ``resources``: everything without a token, else what changed since it.

    ``lean``: every collection is present, only items whose own content changed are sent
    (not those that merely show a copy of a changed item), and a rename is an upsert only.
    """
    through, compacted = journal.positions()
    token = request.query_params.get("token")
    context = {"request": request}
    upserts: dict[str, list[dict[str, Any]]] = (
        {resource.collection: [] for resource in resources} if lean else {}
    )
    deletions: list[dict[str, Any]] = []
    if token is None:
        for resource in resources:
            upserts[resource.collection] = resource.load(None, context)
    else:
        try:
            since = read_token(token, through=through, compacted=compacted)
        except TokenRejected as rejected:
            raise FullSyncRequired(str(rejected)) from None
        changed = journal.changes_between(since, through)
        for resource in resources:
            touched = {
                slug: entry
                for (kind, slug), entry in changed.items()
                if kind == resource.resource and (entry.own or not lean)
            }
            if not touched:
                continue
            items = resource.load(sorted(touched), context)
            present = {str(item[resource.key]) for item in items}
            if items:
                upserts[resource.collection] = items
            # A lean client stores items by id: the upsert of a renamed item replaces it.
            kept = {str(item["id"]) for item in items if lean and "id" in item}
            deletions += [
                {
                    "resource": resource.resource,
                    "collection": resource.collection,
                    "slug": slug,
                    "id": entry.item_id,
                }
                for slug, entry in sorted(touched.items())
                if slug not in present and str(entry.item_id) not in kept
            ]
    labels = labels_in()
    body: dict[str, Any] = {
        "full": token is None,
        "next_token": make_token(through),
        "upserts": upserts,
        "deletions": deletions,
    }
    if token is None:
        body["labels"] = labels
    body["labels_version"] = labels["version"]
    return Response(
        body,
        # An app syncs to be current: a shared cache must ask every time (a 304 when
        # nothing changed costs no body), never hand out a copy up to a minute old.
        headers={"Cache-Control": "public, no-cache"},
    )
