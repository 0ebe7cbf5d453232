"""Offline sync: the whole published catalogue once, then only what changed since a token.

Two answers share tokens (signed journal positions, ``footcare.content.sync``):

- ``/sync/`` sends items as the detail endpoints show them, with copies of the items they
  embed, so one edit of a zone resends every routine that shows it;
- ``/sync/lean/`` sends each item once, in its own collection, and refers to others by
  ``id``, so one edit of a zone is that zone. A rename is an upsert with the same id.

Apps take part through two hooks of their AppConfig (``footcare.hooks.AppHooks``),
``sync_resources()`` and ``lean_sync_resources()``, returning ``SyncResource`` entries; this
module knows no app.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from rest_framework import exceptions, serializers

from footcare.hooks import AppHooks, contributions

FULL_SYNC_REQUIRED = "urn:footcare:problem:full-sync-required"


Load = Callable[[Sequence[str] | None, dict[str, Any]], list[dict[str, Any]]]
ItemPaths = dict[str | None, list[str]]


@dataclass(frozen=True)
class SyncResource:
    """One kind of item in the catalogue, as the journal and the sync response name it."""

    resource: str  # the journal's name, e.g. "zone"
    collection: str  # the key in the response, e.g. "zones"
    serializer: type[serializers.BaseSerializer]
    load: Load  # the items with these slugs, or all (None), serialized
    key: str = "slug"  # the field of an item that the journal's slug refers to
    # The API paths that show these items, by the slug of the item each shows (None: all of
    # them, such as a list), for warming the representation cache and publishing.
    paths: Callable[[], "ItemPaths"] = lambda: {}
    # Other resources whose changes the answer at a path shows although the journal records
    # no entry for this item then (a drawing shows every zone; the sync's items do not).
    shows: Callable[[str], tuple[str, ...]] = lambda path: ()

    def all_paths(self) -> list[str]:
        return [path for paths in self.paths().values() for path in paths]


class FullSyncRequired(exceptions.APIException):
    status_code = 400
    default_detail = "This sync token cannot be used; start again with a full sync."
    problem_type = FULL_SYNC_REQUIRED
    problem_title = "Full sync required"


def loader(
    queryset: Callable[[], QuerySet[Any]], serializer: type[serializers.BaseSerializer]
) -> Load:
    """A ``load`` that serializes ``queryset()`` rows, all of them or those with these slugs."""

    def load(slugs: Sequence[str] | None, context: dict[str, Any]) -> list[dict[str, Any]]:
        rows = queryset() if slugs is None else queryset().filter(slug__in=slugs)
        return serializer(rows, many=True, context=context).data

    return load


def sync_resources() -> list[SyncResource]:
    """What ``/sync/`` sends: items with copies of what they embed."""
    return contributions(AppHooks.sync_resources)


def lean_sync_resources() -> list[SyncResource]:
    """What ``/sync/lean/`` sends: each item once, others by id."""
    return contributions(AppHooks.lean_sync_resources)
