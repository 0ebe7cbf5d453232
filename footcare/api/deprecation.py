"""Marking an endpoint, or a whole API version, deprecated: headers for clients, a flag in docs.

Responses carry ``Deprecation`` (RFC 9745), ``Sunset`` (RFC 8594) and
``Link: <…>; rel="deprecation"``; the OpenAPI operations say ``deprecated: true``.
An endpoint opts in with a ``deprecation`` attribute on its view class; a version with an
entry in ``settings.API_DEPRECATED_VERSIONS``.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.http import http_date


@dataclass(frozen=True)
class Deprecation:
    since: datetime
    link: str  # where clients read what to use instead
    sunset: datetime | None = None  # when it stops answering, if decided

    def headers(self) -> dict[str, str]:
        headers = {
            "Deprecation": f"@{int(self.since.timestamp())}",
            "Link": f'<{self.link}>; rel="deprecation"',
        }
        if self.sunset is not None:
            headers["Sunset"] = http_date(self.sunset.timestamp())
        return headers


def version_deprecation(version: str | None) -> Deprecation | None:
    entry: dict[str, Any] | None = (
        settings.API_DEPRECATED_VERSIONS.get(version) if version else None
    )
    return Deprecation(**entry) if entry else None


def view_deprecation(view_class: Any, version: str | None) -> Deprecation | None:
    """The endpoint's own deprecation, else its version's."""
    return getattr(view_class, "deprecation", None) or version_deprecation(version)
