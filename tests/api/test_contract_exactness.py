"""The contract says exactly what the service takes and answers, so that a fuzzer holding it to
its word in both directions (schemathesis, `make fuzz`) finds nothing: every value the schema
allows is answered, every value it forbids is a 400, every status and shape is documented."""

import jsonschema_rs
import pytest
import yaml
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError
from openapi_schema_validator import OAS31Validator, validate

from footcare.api.middleware.hostile_input import CONTROL_CHARACTERS
from footcare.api.viewsets import PARTIAL_JSON
from footcare.content.search_words import SEARCH_PATTERN, search_problem, search_terms
from tests.api.test_contract import COMMITTED
from tests.factories import SourceFactory, ZoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def contract():
    return yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))


def parameter(contract, path, name):
    (found,) = [p for p in contract["paths"][path]["get"]["parameters"] if p["name"] == name]
    return found


def test_field_selection_and_ordering_are_enums_of_what_the_code_takes(contract):
    fields = parameter(contract, "/api/v1/routines/", "fields")
    assert fields["style"] == "form" and fields["explode"] is False
    assert fields["schema"]["items"]["enum"][:3] == ["id", "slug", "title"]
    ordering = parameter(contract, "/api/v1/routines/", "ordering")["schema"]["items"]["enum"]
    assert ordering == ["duration", "-duration", "slug", "-slug", "title", "-title"]


def test_slug_and_number_filters_state_their_form(contract):
    zone = parameter(contract, "/api/v1/routines/", "zone")["schema"]
    assert zone == {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 50}
    duration = parameter(contract, "/api/v1/routines/", "max_duration_seconds")["schema"]
    assert duration == {"type": "integer", "minimum": 0, "maximum": 999_999_999}
    offset = parameter(contract, "/api/v1/zones/", "offset")["schema"]
    assert offset["maximum"] == 999_999_999


def test_every_operation_documents_the_errors_it_can_answer(contract):
    for path, methods in contract["paths"].items():
        codes = set(methods["get"]["responses"])
        expected = {"400", "406", "414", "429", "500", "503"} | ({"404"} if "{" in path else set())
        assert expected <= codes, path


SEARCH_CONTRACT = jsonschema_rs.validator_for({"type": "string", "pattern": SEARCH_PATTERN})


def search_accepted_by_the_service(raw: str) -> bool:
    return not CONTROL_CHARACTERS.search(raw) and search_problem(search_terms(raw)) is None


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(min_size=1, max_size=70),
            st.text(alphabet=" ,", min_size=1, max_size=3),
            st.sampled_from(["stopa", "печень", "a" * 64, "a" * 65, "\x00", "\t"]),
        ),
        max_size=14,
    ).map("".join)
)
def test_the_search_pattern_accepts_exactly_what_the_service_accepts(raw):
    # Read as JSON Schema reads it (ECMA-262, where `$` is the very end): Python's `re` would
    # also let `$` match before a final newline.
    assert SEARCH_CONTRACT.is_valid(raw) == search_accepted_by_the_service(raw)


def test_search_words_are_split_at_spaces_and_commas(api):
    assert search_terms(" foot,,heel  toe,") == ["foot", "heel", "toe"]
    ZoneFactory(slug="liver", name_en="Liver zone")
    found = api.get(reverse("v1:zone-list"), {"search": "liver,zone"}).json()["results"]
    assert [zone["slug"] for zone in found] == ["liver"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("foot=left&foot=right", "foot"),
        ("limit=5&limit=5", "limit"),
        ("lang=", "lang"),
        ("limit=", "limit"),
        ("fields=", "fields"),
        ("ordering=", "ordering"),
        ("body_part=", "body_part"),
    ],
)
def test_a_repeated_or_empty_parameter_is_a_400_naming_it(api, query, field):
    response = api.get(f"{reverse('v1:zone-list')}?{query}")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_an_empty_search_is_allowed_as_the_contract_says(api):
    assert api.get(f"{reverse('v1:zone-list')}?search=").status_code == 200


@pytest.mark.parametrize("value", ["slug,,name", " slug", "slug,"])
def test_field_lists_are_read_exactly(api, value):
    assert api.get(reverse("v1:zone-list"), {"fields": value}).status_code == 400


def test_a_chosen_field_list_is_its_own_media_type_and_matches_its_schema(api, contract):
    ZoneFactory(slug="liver")
    url = reverse("v1:zone-list")
    assert api.get(url)["Content-Type"] == "application/json"
    partial = api.get(url, {"fields": "slug,max_pressure"})
    assert partial["Content-Type"] == PARTIAL_JSON
    content = contract["paths"]["/api/v1/zones/"]["get"]["responses"]["200"]["content"]
    schema = {**content[PARTIAL_JSON]["schema"], "components": contract["components"]}
    validate(partial.json(), schema, cls=OAS31Validator)  # valid against the partial shape
    full_schema = {**content["application/json"]["schema"], "components": contract["components"]}
    with pytest.raises(ValidationError, match="required"):
        validate(partial.json(), full_schema, cls=OAS31Validator)  # and not against the full one


def test_an_unknown_format_is_a_400_naming_the_formats(api):
    response = api.get(reverse("v1:foot-map"), {"foot": "left", "view": "plantar", "format": "AAA"})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "format", "message": "Choose from json, svg."}]


def test_options_on_the_svg_map_is_a_405_not_a_500(api):
    response = api.options(reverse("v1:foot-map-svg"), {"foot": "left", "view": "plantar"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_a_source_address_with_letters_outside_ascii_goes_out_as_a_uri(api):
    zone = ZoneFactory(slug="heel")
    zone.sources.add(SourceFactory(slug="jp", url="https://example.jp/blog/反射区"))
    sources = api.get(reverse("v1:zone-detail", args=["heel"])).json()["sources"]
    (source,) = [source for source in sources if source["url"]]
    assert source["url"] == source["link"] == "https://example.jp/blog/%E5%8F%8D%E5%B0%84%E5%8C%BA"


def answer_schema(contract, path, status="200", media="application/json"):
    content = contract["paths"][path]["get"]["responses"][status]["content"][media]
    return {**content["schema"], "components": contract["components"]}


def every_get_of_the_shipped_content(api):
    """(contract path, URL) for every list, every item of it, and every other GET."""
    detail_of = {
        "/api/v1/zones/": "/api/v1/zones/{slug}/",
        "/api/v1/body-parts/": "/api/v1/body-parts/{slug}/",
        "/api/v1/benefits/": "/api/v1/benefits/{slug}/",
        "/api/v1/techniques/": "/api/v1/techniques/{slug}/",
        "/api/v1/contraindications/": "/api/v1/contraindications/{slug}/",
        "/api/v1/routines/": "/api/v1/routines/{slug}/",
        "/api/v1/audiences/": "/api/v1/audiences/{slug}/",
        "/api/v1/tools/": "/api/v1/tools/{slug}/",
        "/api/v1/areas/": "/api/v1/areas/{slug}/",
        "/api/v1/sources/": "/api/v1/sources/{slug}/",
    }
    for listing, detail in detail_of.items():
        yield listing, f"{listing}?limit=500"
        for item in api.get(f"{listing}?limit=500").json()["results"]:
            yield detail, detail.replace("{slug}", item["slug"])
    for foot in ("left", "right"):
        for view in ("plantar", "dorsal", "medial", "lateral"):
            yield "/api/v1/foot-map/", f"/api/v1/foot-map/?foot={foot}&view={view}"
    yield "/api/v1/safety/", "/api/v1/safety/"
    yield "/api/v1/sync/", "/api/v1/sync/"
    yield "/api/v1/labels/", "/api/v1/labels/"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_answer_of_the_shipped_content_has_every_field_the_contract_requires(
    api, shipped_pack, contract, language
):
    checked = 0
    for path, url in every_get_of_the_shipped_content(api):
        response = api.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        validate(response.json(), answer_schema(contract, path), cls=OAS31Validator)
        checked += 1
    assert checked > 150  # every list, every item, eight foot maps, safety and sync


def test_only_the_named_properties_may_be_absent(contract):
    schemas = contract["components"]["schemas"]
    optional = {
        name: sorted(set(schema["properties"]) - set(schema.get("required", [])))
        for name, schema in schemas.items()
        if "properties" in schema and not name.startswith("Partial")
    }
    assert {name: fields for name, fields in optional.items() if fields} == {
        "Problem": ["errors"],
        "SyncUpserts": sorted(schemas["SyncUpserts"]["properties"]),
        # Only a full sync carries the labels; a delta their version.
        "Sync": ["labels"],
        "LeanSync": ["labels"],
    }
    assert "required" not in schemas["PartialZoneList"]
