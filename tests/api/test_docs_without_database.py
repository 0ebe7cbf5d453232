"""The schema and its documentation pages read no content: they answer with the database down.

No ``django_db`` mark here, so pytest-django refuses these tests any database access, as a
database that is down would.
"""

import pytest
from django.test import Client


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"])
def test_the_schema_and_its_pages_open_no_snapshot_of_the_content(path):
    assert Client().get(path).status_code == 200
