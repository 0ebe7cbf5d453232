"""The project's URLs plus test-only endpoints that exercise the shared API machinery."""

from datetime import UTC, datetime

from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from footcare import urls as project_urls
from footcare.api.deprecation import Deprecation


class NumberSerializer(serializers.Serializer):
    value = serializers.IntegerField()


class NumberList(generics.ListAPIView):
    """A paginated list of 1..120 with no database behind it."""

    serializer_class = NumberSerializer

    def get_queryset(self):
        return [{"value": number} for number in range(1, 121)]


class OldThing(APIView):
    """A test-only endpoint on its way out."""

    deprecation = Deprecation(
        since=datetime(2026, 1, 1, tzinfo=UTC),
        sunset=datetime(2027, 1, 1, tzinfo=UTC),
        link="https://example.org/docs/old-thing",
    )

    @extend_schema(responses={200: NumberSerializer}, summary="Old thing", tags=["Test"])
    def get(self, request: Request) -> Response:
        return Response({"value": 1})


class Boom(APIView):
    def get(self, request: Request) -> Response:
        raise RuntimeError("boom")


test_v1_patterns: list[URLPattern | URLResolver] = [
    path("test-numbers/", NumberList.as_view(), name="test-numbers"),
    path("test-boom/", Boom.as_view(), name="test-boom"),
    path("test-old-thing/", OldThing.as_view(), name="test-old-thing"),
]

urlpatterns = [
    path("api/v1/", include((project_urls.v1_patterns + test_v1_patterns, "v1"))),
    *[url for url in project_urls.urlpatterns if "api/v1/" not in str(getattr(url, "pattern", ""))],
]
