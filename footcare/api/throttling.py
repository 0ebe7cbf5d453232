"""The per-client rate limit, and the headers that tell a client where it stands.

The client is the address that connected. Only when that address is one of our own proxies
(``DJANGO_TRUSTED_PROXY_ADDRESSES``) is the address it reports in ``X-Forwarded-For``
believed, hop by hop, for at most ``DJANGO_TRUSTED_PROXIES`` hops: a client that reaches an
app server directly can write that header itself, and rotating it escaped the limit and the
login lockout. A value that is not an address is ignored, never an error (stored in a
PostgreSQL ``inet`` column it made every login a 500).

The count is one per client across every worker and server: it lives in the shared cache
(Redis), kept with atomic increments; a rate set without a shared cache is refused by
``manage.py check`` (footcare/checks.py).
"""

import ipaddress
import math
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from footcare.api.shared_cache import breaker

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class RateLimit:
    """Where a client stands against its limit, as the RateLimit headers say it."""

    limit: int
    remaining: int
    reset: int  # seconds until the window ends and the count starts again
    window: int


def _address(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_our_proxy(peer: str) -> bool:
    # An empty peer is a unix socket: only processes on this host, with the right to open
    # the socket file, can connect through it.
    if not peer.strip():
        return True
    address = _address(peer)
    return address is not None and any(
        address in network for network in settings.TRUSTED_PROXY_NETWORKS
    )


def client_address(request: HttpRequest) -> str | None:
    """The client's address: the peer, or what the nearest of our trusted proxies saw.

    None when there is none (a request made in code, or a unix socket with no proxy in
    front).
    """
    peer = request.META.get("REMOTE_ADDR", "") or ""
    client = _address(peer)
    hops = settings.TRUSTED_PROXIES
    if not hops or not _is_our_proxy(peer):
        return str(client) if client else None
    reported = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for _hop in range(hops):
        if not reported:
            break
        address = _address(reported.pop())
        if address is None:
            break  # not an address: believe nothing further out than what we know
        client = address
        if not _is_our_proxy(str(address)):
            break  # the first address that is not ours is the client, whatever it adds
    return str(client) if client else None


class ClientRateThrottle(BaseThrottle):
    """Per-address rate limit from ``settings.API_THROTTLE_RATE``; off when that is empty.

    A fixed window per client, counted with the cache's atomic ``incr``, so concurrent
    requests on several workers and servers are each counted once (DRF's own throttle reads
    a list, appends and writes it back, which loses counts between processes). Read at
    request time, so operators and tests can change the rate without a restart. Leaves a
    ``RateLimit`` on the request for ``RateLimitHeadersMiddleware``.
    """

    def __init__(self) -> None:
        self.wait_seconds: float | None = None

    def allow_request(self, request: Any, view: Any) -> bool:
        rate = settings.API_THROTTLE_RATE
        if not rate:
            return True
        limit, window = SimpleRateThrottle.parse_rate(None, rate)  # type: ignore[arg-type]
        assert limit is not None and window is not None  # noqa: S101 - a rate was given
        now = time.time()
        started = int(now // window) * window
        client = client_address(getattr(request, "_request", request)) or "unknown"
        key = f"throttle:{client}:{window}:{started}"
        count = breaker.run(lambda: _count(key, expires_in=window))
        if count is None:
            return True  # the shared cache is down: serve rather than refuse everyone
        left = started + window - now
        django_request = getattr(request, "_request", request)
        django_request.rate_limit = RateLimit(
            limit=limit,
            remaining=max(limit - count, 0),
            reset=math.ceil(left),
            window=window,
        )
        self.wait_seconds = left if count > limit else None
        return count <= limit

    def wait(self) -> float | None:
        return self.wait_seconds


def _count(key: str, *, expires_in: int) -> int:
    """One more request under ``key``; how many there have been, this one included."""
    if cache.add(key, 1, timeout=expires_in + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls: this is the first of a new window
        cache.add(key, 1, timeout=expires_in + 1)
        return 1
