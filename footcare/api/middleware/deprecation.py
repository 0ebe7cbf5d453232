"""Deprecation and Sunset headers on the answers of a deprecated version or endpoint.

See ``footcare.api.deprecation``.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from footcare.api.deprecation import view_deprecation


class DeprecationMiddleware:
    """Adds the deprecation headers to every answer of a deprecated endpoint or version."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None or not request.path.startswith("/api/"):
            return response
        view_class = getattr(match.func, "cls", None)
        deprecation = view_deprecation(view_class, match.namespace.split(":")[0] or None)
        if deprecation is not None:
            for name, value in deprecation.headers().items():
                response.headers.setdefault(name, value)
        return response
