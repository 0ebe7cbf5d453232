"""What an offline app does with the lean sync, as the docs tell it to: keep items by id,
apply a delta's deletions, then its upserts."""

from typing import Any

Copy = dict[str, dict[str, Any]]


def by_id(upserts: dict[str, list[dict[str, Any]]]) -> Copy:
    """The local copy: items by id (foot maps by their view, the safety screen by its slug)."""
    return {
        collection: {item.get("id") or item.get("view") or item["slug"]: item for item in items}
        for collection, items in upserts.items()
    }


def apply_delta(copy: Copy, delta: dict[str, Any]) -> None:
    for deletion in delta["deletions"]:
        copy[deletion["collection"]].pop(deletion["id"] or deletion["slug"], None)
    for collection, items in by_id(delta["upserts"]).items():
        copy[collection].update(items)
