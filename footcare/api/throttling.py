"""The per-client rate limit, and the headers that tell a client where it stands.

The client is the address that connected, or, behind ``DJANGO_TRUSTED_PROXIES`` proxies,
the address the nearest of them saw: never a header the client could write itself (DRF's
default read all of ``X-Forwarded-For``, so rotating it escaped the limit).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from rest_framework.throttling import AnonRateThrottle, BaseThrottle


@dataclass(frozen=True)
class RateLimit:
    """Where a client stands against its limit, as the RateLimit headers say it."""

    limit: int
    remaining: int
    reset: int  # seconds until a request of the window is forgotten
    window: int


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or what the nearest of our trusted proxies saw.

    None when there is none (a request made in code, such as a test's forced login).
    """
    # DRF's rule, with NUM_PROXIES set; it reads only META and headers, which both have.
    address = BaseThrottle().get_ident(request)  # type: ignore[arg-type]
    return str(address) if address else None


class ClientRateThrottle(AnonRateThrottle):
    """Per-address rate limit from ``settings.API_THROTTLE_RATE``; off when that is empty.

    Read at request time (DRF's own reads its rate once at import), so operators and tests
    can change it without a restart of the class machinery. Leaves a ``RateLimit`` on the
    request for ``RateLimitHeadersMiddleware``.
    """

    scope = "client"

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATE

    def allow_request(self, request: Any, view: Any) -> bool:
        allowed = super().allow_request(request, view)
        history = getattr(self, "history", None)
        limit, window = self.parse_rate(self.rate)
        if limit is not None and window is not None and history is not None:
            reset = int(history[-1] + window - self.now) + 1 if history else 0
            django_request = getattr(request, "_request", request)
            django_request.rate_limit = RateLimit(
                limit=limit,
                remaining=max(limit - len(history), 0),
                reset=max(reset, 0),
                window=window,
            )
        return allowed


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
