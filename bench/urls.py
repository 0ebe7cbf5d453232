"""The service's URLs plus the benchmark's reference: a view that returns precomputed bytes."""

from functools import cache

from django.http import HttpRequest, HttpResponse
from django.urls import path

from footcare.urls import urlpatterns as service_urlpatterns


@cache
def _payload(size: int) -> bytes:
    return (b'{"x":"' + b"y" * max(size - 8, 0) + b'"}')[:size]


def reference(request: HttpRequest) -> HttpResponse:
    """What the fastest possible Django answer of a given size costs on this stack."""
    return HttpResponse(
        _payload(int(request.GET.get("size", "1000"))), content_type="application/json"
    )


urlpatterns = [*service_urlpatterns, path("bench/reference/", reference)]
