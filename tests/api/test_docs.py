"""The OpenAPI schema and its two documentation pages, served without leaving the machine."""

import gzip
import json
import re

import pytest
import yaml
from openapi_spec_validator import validate

from footcare.api.views.redoc import OUR_LOGO as REDOC_OUR_LOGO

pytestmark = pytest.mark.django_db

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def test_schema_json_and_yaml_are_the_same_valid_openapi(api):
    as_json = api.get("/api/v1/schema/?format=json")
    as_yaml = api.get("/api/v1/schema/?format=yaml")
    assert as_json.status_code == as_yaml.status_code == 200
    assert as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    document = json.loads(as_json.content)
    assert yaml.safe_load(as_yaml.content) == document
    assert document["openapi"].startswith("3.")
    validate(document)


@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_doc_pages_reference_only_local_assets(api, page):
    response = api.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assets = ASSET.findall(html)
    assert assets, "the page loads its viewer from somewhere"
    for asset in assets:
        assert asset.startswith("/"), f"{page} loads {asset} from outside the service"
        assert not asset.startswith("//")
    if page.endswith("/docs/"):  # Swagger UI starts from a script of its own, not inline
        assert "<script>" not in html
        html = api.get("/api/v1/docs/?script=").content.decode()
    assert "/api/v1/schema/" in html
    assert "googleapis" not in html and "cdn" not in html.lower()


@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/", "/admin/login/"])
def test_pages_carry_a_content_security_policy(client, page):
    policy = client.get(page)["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy


def test_doc_assets_are_served(api):
    html = api.get("/api/v1/docs/").content.decode()
    scripts = [asset for asset in ASSET.findall(html) if asset.endswith(".js")]
    assert scripts
    for script in scripts:
        response = api.get(script)
        assert response.status_code == 200, script
        assert b"".join(response.streaming_content)


def test_redoc_loads_its_bundle_from_us_without_redoclys_logo(api):
    html = api.get("/api/v1/redoc/").content.decode()
    assert '<script src="/api/v1/redoc/redoc.standalone.js">' in html
    answer = api.get("/api/v1/redoc/redoc.standalone.js")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/javascript")
    script = answer.content.decode()
    assert "Redoc" in script and len(script) > 500_000  # the whole viewer
    assert "cdn.redoc.ly" not in script and REDOC_OUR_LOGO in script
    assert "sourceMappingURL=redoc.standalone" not in script  # it would not match the edit


def test_the_redoc_bundle_is_cached_and_revalidated(api):
    first = api.get("/api/v1/redoc/redoc.standalone.js")
    assert first["Cache-Control"] == "public, max-age=86400"
    assert "Accept-Encoding" in first["Vary"]
    again = api.get("/api/v1/redoc/redoc.standalone.js", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    zipped = api.get("/api/v1/redoc/redoc.standalone.js", HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip" and zipped["ETag"] != first["ETag"]
    assert gzip.decompress(zipped.content) == first.content
    assert len(zipped.content) < len(first.content) / 2
