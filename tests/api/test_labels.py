"""``/api/v1/labels/``: every enum the contract exposes, each value labelled and explained in
the request's language, the same labels in the syncs, cached and revalidated like the rest."""

import re

import pytest
import yaml
from django.urls import reverse

from footcare.content.labels import Label, LabelSet, from_choices, label_sets, labels_in
from tests.api.test_contract import COMMITTED
from zones.models import Sensitivity

pytestmark = pytest.mark.django_db

LABELS = reverse("v1:labels")
CYRILLIC = re.compile("[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def contract():
    return yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))


def exposed_enums(contract) -> dict[str, list[str]]:
    """Every enum schema of the committed contract, with its values in order."""
    return {
        name: schema["enum"]
        for name, schema in contract["components"]["schemas"].items()
        if "enum" in schema
    }


def test_every_enum_the_contract_exposes_has_labels_and_nothing_else(contract):
    labelled = {label_set.enum for label_set in label_sets()}
    assert labelled == set(exposed_enums(contract))


def test_the_contract_names_the_enum_each_list_labels(contract):
    schemas = contract["components"]["schemas"]
    properties = schemas["Labels"]["properties"]
    for enum in exposed_enums(contract):
        (key,) = [key for key, p in properties.items() if p.get("items", {}).get("$ref", "")
                  == f"#/components/schemas/{enum}Label"]  # fmt: skip
        item = schemas[f"{enum}Label"]
        assert item["properties"]["value"] == {"$ref": f"#/components/schemas/{enum}"}
        assert set(item["required"]) == {"value", "label", "explanation"}
        assert enum in properties[key]["description"]
    assert set(schemas["Labels"]["required"]) == set(properties)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_answer_labels_every_value_of_every_enum_in_the_contracts_order(
    api, contract, language
):
    body = api.get(LABELS, HTTP_ACCEPT_LANGUAGE=language).json()
    properties = contract["components"]["schemas"]["Labels"]["properties"]
    assert set(body) == set(properties)
    for key, values in exposed_by_key(contract).items():
        assert [entry["value"] for entry in body[key]] == values, key
        for entry in body[key]:
            assert set(entry) == {"value", "label", "explanation"}
            assert entry["label"].strip() and entry["explanation"].strip(), (key, entry)


def exposed_by_key(contract) -> dict[str, list[str]]:
    schemas = contract["components"]["schemas"]
    return {
        key: schemas[prop["items"]["$ref"].rsplit("/", 1)[1].removesuffix("Label")]["enum"]
        for key, prop in schemas["Labels"]["properties"].items()
        if key != "version"
    }


def test_russian_labels_are_russian(api):
    english = api.get(LABELS, HTTP_ACCEPT_LANGUAGE="en").json()
    russian = api.get(LABELS, {"lang": "ru"}).json()
    for key, entries in russian.items():
        if key == "version":
            continue
        for ru, en in zip(entries, english[key], strict=True):
            # Media types' labels keep their Latin format names (JPEG) beside Russian words.
            assert CYRILLIC.search(ru["label"]), (key, ru)
            assert CYRILLIC.search(ru["explanation"]), (key, ru)
            assert ru["explanation"] != en["explanation"]
    assert russian["version"] != english["version"]


def test_the_answer_says_its_language_and_varies_by_it(api):
    response = api.get(LABELS, HTTP_ACCEPT_LANGUAGE="ru")
    assert response["Content-Language"] == "ru"
    assert "Accept-Language" in response["Vary"]
    assert response.json()["difficulty"][0] == {
        "value": "easy",
        "label": "Лёгкая",
        "explanation": "Простые поглаживания, которые получатся у любого с первого раза.",
    }


def test_health_words_stay_honest(api):
    body = api.get(LABELS).json()
    evidence = {entry["value"]: entry["explanation"] for entry in body["evidence_level"]}
    assert "not shown" in evidence["traditional_belief"]
    assert "no substitute for treatment" in evidence["good_evidence"]
    (skin_signs,) = body["evidence"]
    assert "not a diagnosis" in skin_signs["explanation"]
    severity = {entry["value"]: entry["explanation"] for entry in body["severity"]}
    assert "doctor" in severity["ask_a_doctor_first"]


def test_an_etag_revalidates_to_304_and_a_language_has_its_own(api):
    first = api.get(LABELS)
    assert first.status_code == 200 and first["ETag"]
    again = api.get(LABELS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    russian = api.get(LABELS, HTTP_ACCEPT_LANGUAGE="ru")
    assert russian["ETag"] != first["ETag"]
    assert (
        api.get(LABELS, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT_LANGUAGE="ru").status_code
        == 200
    )


def test_the_index_links_to_the_labels(api):
    links = {
        link["name"]: link["href"] for link in api.get(reverse("v1:index")).json()["resources"]
    }
    assert links["labels"] == LABELS


@pytest.mark.parametrize("route", ["v1:sync", "v1:lean-sync"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_full_sync_carries_the_labels_and_a_delta_their_version(api, route, language):
    labels = api.get(LABELS, HTTP_ACCEPT_LANGUAGE=language).json()
    full = api.get(reverse(route), HTTP_ACCEPT_LANGUAGE=language).json()
    assert full["labels"] == labels
    assert full["labels_version"] == labels["version"]
    delta = api.get(
        reverse(route), {"token": full["next_token"]}, HTTP_ACCEPT_LANGUAGE=language
    ).json()
    assert "labels" not in delta
    assert delta["labels_version"] == labels["version"]


def test_the_version_changes_with_what_the_labels_say(monkeypatch):
    from footcare.content import labels as module

    before = labels_in("en")["version"]
    edited = [
        LabelSet(s.enum, (Label(s.values[0], "Another label", "Another text"), *s.labels[1:]))
        if s.enum == "DifficultyEnum"
        else s
        for s in label_sets()
    ]
    module._labels.cache_clear()
    monkeypatch.setattr(module, "label_sets", lambda: edited)
    try:
        assert labels_in("en")["difficulty"][0]["label"] == "Another label"
        assert labels_in("en")["version"] != before
    finally:
        module._labels.cache_clear()


def test_an_explanation_missing_for_a_choice_is_refused_when_the_module_loads():
    with pytest.raises(ValueError, match=r"SensitivityEnum.*high"):
        from_choices("SensitivityEnum", Sensitivity, {"low": "l", "medium": "m"})


def test_sets_of_one_enum_from_several_apps_are_joined_in_app_order():
    resources = next(s for s in label_sets() if s.enum == "LeanDeletionResourceEnum")
    assert resources.values[:2] == ["zone", "body_part"] and resources.values[-1] == "tool"
    assert LabelSet("FootSideEnum", (Label("left", "", ""),)).key == "foot_side"
