"""Every error under /api/ is RFC 9457 problem+json, whatever produced it."""

import pytest

PROBLEM = "application/problem+json"

pytestmark = [pytest.mark.urls("tests.urls"), pytest.mark.django_db]


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    return body


@pytest.mark.parametrize("debug", [False, True])
def test_unknown_path_is_a_problem_even_in_debug(api, settings, debug):
    settings.DEBUG = debug
    body = assert_problem(api.get("/api/v1/no-such-thing/"), 404)
    assert body["type"] == "about:blank"
    assert body["title"] == "Not Found"
    assert "/api/v1/no-such-thing/" in body["detail"]


def test_unknown_version_names_the_supported_ones(api):
    body = assert_problem(api.get("/api/v9/zones/"), 404)
    assert "'v9'" in body["detail"]
    assert "v1" in body["detail"]


def test_wrong_method_is_405_with_allow(api):
    response = api.post("/api/v1/test-numbers/", {}, format="json")
    body = assert_problem(response, 405)
    assert "POST" in body["detail"]
    assert "GET" in response["Allow"]


def test_validation_error_names_the_field(api):
    body = assert_problem(api.get("/api/v1/test-numbers/?limit=abc"), 400)
    assert body["type"] == "urn:footcare:problem:validation-error"
    assert body["errors"] == [
        {"field": "limit", "message": "Must be a whole number from 1 to 500."}
    ]


@pytest.mark.parametrize("query", ["limit=0", "limit=-3", "offset=-1", "offset=x"])
def test_bad_page_numbers_are_refused_not_ignored(api, query):
    assert_problem(api.get(f"/api/v1/test-numbers/?{query}"), 400)


def test_pagination_shape_and_cap(api, settings):
    response = api.get("/api/v1/test-numbers/?limit=2&offset=4")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 120
    assert [item["value"] for item in body["results"]] == [5, 6]
    assert "limit=2" in body["next"] and "offset=6" in body["next"]
    assert "offset=2" in body["previous"]


def test_not_acceptable_is_406(api):
    assert_problem(api.get("/api/v1/test-numbers/", HTTP_ACCEPT="application/xml"), 406)


def test_throttled_is_429_with_retry_after(api, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    assert api.get("/api/v1/test-numbers/").status_code == 200
    assert api.get("/api/v1/test-numbers/").status_code == 200
    response = api.get("/api/v1/test-numbers/")
    assert_problem(response, 429)
    assert int(response["Retry-After"]) > 0


def test_throttling_is_off_by_default(api):
    for _ in range(30):
        assert api.get("/api/v1/test-numbers/").status_code == 200


@pytest.mark.parametrize("debug", [False, True])
def test_server_error_is_a_problem_and_is_logged(api, settings, caplog, debug):
    settings.DEBUG = debug
    api.raise_request_exception = False
    body = assert_problem(api.get("/api/v1/test-boom/"), 500)
    assert "boom" not in body["detail"]  # no internals leak to clients
    assert any(record.exc_info and "boom" in str(record.exc_info[1]) for record in caplog.records)


def test_success_is_plain_json(api):
    response = api.get("/api/v1/test-numbers/")
    assert response["Content-Type"] == "application/json"
