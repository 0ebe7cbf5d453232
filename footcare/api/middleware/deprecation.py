"""Deprecation and Sunset headers on the answers of a deprecated version or endpoint.

See ``footcare.api.deprecation``.
"""

from django.http import HttpRequest, HttpResponseBase
from django.utils.deprecation import MiddlewareMixin

from footcare.api.deprecation import view_deprecation


class DeprecationMiddleware(MiddlewareMixin):
    """Adds the deprecation headers to every answer of a deprecated endpoint or version."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        match = getattr(request, "resolver_match", None)
        if match is None or not request.path.startswith("/api/"):
            return response
        view_class = getattr(match.func, "cls", None)
        deprecation = view_deprecation(view_class, match.namespace.split(":")[0] or None)
        if deprecation is not None:
            for name, value in deprecation.headers().items():
                response.headers.setdefault(name, value)
        return response
