"""The signature of a webhook request, and how a receiver checks it.

``X-Footcare-Signature: t=<unix seconds>,v1=<hex>``, where ``v1`` is HMAC-SHA256, keyed with the
endpoint's secret, of ``"<t>." + body``. Signing the time with the body lets a receiver refuse
a request replayed later (``verify``'s ``tolerance``).
"""

import hashlib
import hmac
import time

HEADER = "X-Footcare-Signature"


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The header's value for ``body`` sent now (or at ``timestamp``)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={_digest(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, *, tolerance: int = 300) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` within ``tolerance`` seconds of now:
    what a receiver runs before it trusts a request."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    return hmac.compare_digest(_digest(secret, timestamp, body), parts.get("v1", ""))
