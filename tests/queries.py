from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient


def count_queries(client: APIClient, url: str) -> int:
    """How many SQL queries one successful GET of ``url`` costs."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)
