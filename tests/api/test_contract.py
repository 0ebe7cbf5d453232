"""The v1 contract: field selection, deprecation signals, and a schema that does not drift."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from tests.factories import ZoneFactory

pytestmark = pytest.mark.django_db

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "v1.yaml"


def generated_schema(urlconf=None) -> dict:
    generator = SchemaGenerator(urlconf=urlconf, api_version="v1")
    return generator.get_schema(request=None, public=True)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_fields_and_omit_shape_list_items(api):
    ZoneFactory(slug="liver")
    url = reverse("v1:zone-list")
    assert api.get(url, {"fields": "slug,max_pressure"}).json()["results"] == [
        {"slug": "liver", "max_pressure": {"value": 4, "label": "firm"}}
    ]
    item = api.get(url, {"omit": "body_parts,views"}).json()["results"][0]
    assert "body_parts" not in item and "views" not in item and "slug" in item
    both = api.get(url, {"fields": "slug,name", "omit": "name"}).json()["results"][0]
    assert both == {"slug": "liver"}
    # Detail views always answer whole: the contract gives them no `fields`, so it is refused.
    detail = api.get(reverse("v1:zone-detail", args=["liver"]), {"fields": "slug"})
    assert detail.status_code == 400 and detail.json()["errors"][0]["field"] == "fields"


@pytest.mark.parametrize("param", ["fields", "omit"])
def test_unknown_field_names_are_400(api, param):
    response = api.get(reverse("v1:routine-list"), {param: "slug,colour"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": param,
            "message": "Unknown field(s) colour; choose from id, slug, title, summary, difficulty, "
            "performer, total_duration_seconds, step_count, audiences, tools, benefits, "
            "published_at, updated_at, image, review.",
        }
    ]


@pytest.mark.urls("tests.urls")
def test_a_deprecated_endpoint_says_so_in_headers_and_schema(api):
    response = api.get("/api/v1/test-old-thing/")
    assert response.status_code == 200
    assert response["Deprecation"] == f"@{int(datetime(2026, 1, 1, tzinfo=UTC).timestamp())}"
    assert response["Sunset"] == "Fri, 01 Jan 2027 00:00:00 GMT"
    assert response["Link"] == '<https://example.org/docs/old-thing>; rel="deprecation"'
    assert "Deprecation" not in api.get("/api/v1/test-numbers/")
    schema = generated_schema("tests.urls")
    assert schema["paths"]["/api/v1/test-old-thing/"]["get"]["deprecated"] is True
    assert "deprecated" not in schema["paths"]["/api/v1/zones/"]["get"]


def test_a_deprecated_version_marks_every_answer_and_operation(api, settings):
    settings.API_DEPRECATED_VERSIONS = {
        "v1": {"since": datetime(2026, 6, 1, tzinfo=UTC), "link": "https://example.org/v2"}
    }
    response = api.get(reverse("v1:zone-list"))
    assert response["Link"] == '<https://example.org/v2>; rel="deprecation"'
    assert "Sunset" not in response
    assert api.get("/api/v1/no-such-thing/")["Content-Type"] == "application/problem+json"
    assert all(op.get("deprecated") for _name, op in operations(generated_schema()))


def test_every_operation_is_documented():
    for name, operation in operations(generated_schema()):
        assert operation.get("operationId"), name
        assert operation.get("summary"), name
        assert operation.get("description"), name
        assert operation.get("tags"), name
        if "200" not in operation["responses"]:  # an old address that only redirects
            assert set(operation["responses"]["302"]["headers"]) >= {"Location"}, name
            assert operation.get("deprecated"), name
        else:
            success = operation["responses"]["200"]["content"]
            assert any("examples" in media for media in success.values()), f"{name}: no example"
        for code in ("406", "500"):
            problem = operation["responses"][code]["content"]["application/problem+json"]
            assert problem["schema"] == {"$ref": "#/components/schemas/Problem"}, name
        if "{" in name:
            assert "404" in operation["responses"], name


def test_enum_names_are_pinned():
    schemas = generated_schema()["components"]["schemas"]
    for enum in ("FootEnum", "FootSideEnum", "ViewEnum", "RegionEnum", "SensitivityEnum",
                 "SkinEnum", "BodySystemEnum", "PressureLabelEnum"):  # fmt: skip
        assert enum in schemas, enum
    assert not [name for name in schemas if name[-5:-4].isdigit() and name.endswith("Enum")]


def test_the_committed_schema_is_the_generated_one(tmp_path):
    """Fails when the API changes without `make schema` (see README: changing the contract)."""
    out = tmp_path / "v1.yaml"
    call_command("spectacular", "--api-version", "v1", "--file", str(out))
    assert yaml.safe_load(out.read_text()) == yaml.safe_load(COMMITTED.read_text()), (
        "The v1 schema changed. If that is intended and backward compatible, run "
        "`make schema` and commit openapi/v1.yaml."
    )


def committed_schema() -> dict:
    return yaml.safe_load(COMMITTED.read_text())


def test_the_contract_names_the_headers_clients_meet():
    """Issue 24, point 8: rate limit, Retry-After, Translation-Fallback and deprecation."""
    schema = committed_schema()
    for name, operation in operations(schema):
        responses = operation["responses"]
        always = {"RateLimit", "RateLimit-Policy", "Deprecation", "Sunset", "Link"}
        if "200" in responses:
            assert always | {"Translation-Fallback"} <= set(responses["200"]["headers"]), name
        else:  # an old address that only redirects: no text to fall back
            assert always | {"Location"} <= set(responses["302"]["headers"]), name
        assert {"Retry-After", "RateLimit", "RateLimit-Policy"} <= set(
            responses["429"]["headers"]
        ), name
        assert set(responses["503"]["headers"]) == {"Retry-After"}, name
        assert responses["429"]["headers"]["Retry-After"]["schema"]["type"] == "integer"


def test_the_contract_names_a_server_for_a_deployment_after_the_same_origin():
    servers = committed_schema()["servers"]
    assert servers[0]["url"] == "/"  # what tools taking the first server call: the same host
    assert servers[1]["url"] == "https://{host}"
    assert servers[1]["variables"]["host"]["default"]


@pytest.mark.parametrize("stored", [False, True])
def test_a_throttled_answer_carries_the_headers_the_contract_names(api, settings, stored):
    """A 429, from a view or from a stored answer, says Retry-After (whole seconds) and where
    the client stands; a 200 says the rate limit too. Each header is one the contract names."""
    settings.API_THROTTLE_RATE = "2/minute"
    path = reverse("v1:zone-list")
    documented = committed_schema()["paths"][path]["get"]["responses"]
    if stored:
        settings.API_THROTTLE_RATE = None
        assert api.get(path).status_code == 200  # now stored
        settings.API_THROTTLE_RATE = "2/minute"
    for _ in range(2):
        answer = api.get(path)
        assert answer.status_code == 200
        for header in ("RateLimit", "RateLimit-Policy"):
            assert answer.has_header(header) and header in documented["200"]["headers"]
    refused = api.get(path)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    for header in ("Retry-After", "RateLimit", "RateLimit-Policy"):
        assert refused.has_header(header) and header in documented["429"]["headers"], header
