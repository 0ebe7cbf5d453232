"""The RateLimit headers on every API answer: where the client stands.

See ``footcare.api.throttling``.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from footcare.api.throttling import RateLimit


class RateLimitHeadersMiddleware:
    """``RateLimit-Policy`` and ``RateLimit`` (IETF draft) on every throttled API answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        state: RateLimit | None = getattr(request, "rate_limit", None)
        if state is not None:
            response["RateLimit-Policy"] = f"{state.limit};w={state.window}"
            response["RateLimit"] = (
                f"limit={state.limit}, remaining={state.remaining}, reset={state.reset}"
            )
        return response
