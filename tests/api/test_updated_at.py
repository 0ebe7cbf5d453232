"""Every resource says when it last changed (``updated_at``), in its list, its detail and both
syncs, so that an app can show "updated on" and order by it without a table of exceptions.

Walked from the contract, so a resource added later cannot forget it: every list's items,
every detail, and every collection of both syncs must require ``updated_at``. Then the
answers of the shipped content are held to it.
"""

from datetime import datetime

import pytest
import yaml
from django.urls import reverse

from tests.api.test_contract import COMMITTED

# Answers that are not a resource: the index of links, a drawing of one foot built from
# zones (each zone's own `updated_at` is in /zones/ and the syncs), and the labels of enum
# values, which are release text with a `version` of their own.
NOT_RESOURCES = {
    "/api/v1/",
    "/api/v1/foot-map/",
    "/api/v1/sync/",
    "/api/v1/sync/lean/",
    "/api/v1/labels/",
}


@pytest.fixture(scope="module")
def contract():
    return yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))


def component(contract, ref: str) -> tuple[str, dict]:
    name = ref.rsplit("/", 1)[-1]
    return name, contract["components"]["schemas"][name]


def resource_schemas(contract) -> dict[str, str]:
    """Each schema that shows a resource, by name, with where it was found."""
    found = {}
    for path, methods in contract["paths"].items():
        # An old address that only redirects has no answer of its own.
        content = methods["get"]["responses"].get("200", {}).get("content", {})
        if path in NOT_RESOURCES or "application/json" not in content:
            continue
        name, schema = component(contract, content["application/json"]["schema"]["$ref"])
        if "results" in schema["properties"]:  # a list page: its items
            name, schema = component(contract, schema["properties"]["results"]["items"]["$ref"])
        found[name] = path
    for sync in ("SyncUpserts", "LeanSyncUpserts"):
        for collection, prop in contract["components"]["schemas"][sync]["properties"].items():
            found[component(contract, prop["items"]["$ref"])[0]] = f"{sync}.{collection}"
    return found


def test_every_resource_schema_requires_updated_at(contract):
    found = resource_schemas(contract)
    assert len(found) >= 20  # every list, detail and sync collection
    missing = {
        name: where
        for name, where in found.items()
        if "updated_at" not in contract["components"]["schemas"][name].get("required", [])
    }
    assert missing == {}, "serve `updated_at` in these"
    for name in found:
        prop = contract["components"]["schemas"][name]["properties"]["updated_at"]
        assert prop["format"] == "date-time", name


def test_the_new_resources_and_the_lean_sync_shapes_are_among_them(contract):
    found = resource_schemas(contract)
    assert {"Tool", "Area", "AreaDetail", "SourceItem", "LeanSource", "Audience"} <= set(found)
    assert {"LeanBodyPart", "FootOutline", "ZoneList", "Technique"} <= set(found)


@pytest.mark.django_db
def test_every_item_of_the_lean_sync_says_when_it_changed(api, shipped_pack):
    upserts = api.get(reverse("v1:lean-sync")).json()["upserts"]
    assert all(upserts.values()), "the shipped pack has items of every collection"
    for collection, items in upserts.items():
        for item in items:
            stamp = item["updated_at"]
            assert stamp.endswith("Z") and datetime.fromisoformat(stamp), (collection, item)
