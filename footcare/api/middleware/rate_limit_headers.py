"""The RateLimit headers on every API answer: where the client stands.

See ``footcare.api.throttling``.
"""

from django.http import HttpRequest, HttpResponseBase
from django.utils.deprecation import MiddlewareMixin

from footcare.api.throttling import RateLimit


class RateLimitHeadersMiddleware(MiddlewareMixin):
    """``RateLimit-Policy`` and ``RateLimit`` (IETF draft) on every throttled API answer."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        state: RateLimit | None = getattr(request, "rate_limit", None)
        if state is not None:
            response["RateLimit-Policy"] = f"{state.limit};w={state.window}"
            response["RateLimit"] = (
                f"limit={state.limit}, remaining={state.remaining}, reset={state.reset}"
            )
        return response
