"""Content codings of stored answers: which one a client gets, and the validator of each.

One rule for the application and for the published tree behind nginx
(``deploy/nginx/footcare.conf`` mirrors it): Brotli when the client accepts ``br``, else gzip
when it accepts ``gzip`` or ``*``, else the plain bytes. A coding listed with ``q=0`` is
refused. Each coding has its own strong ETag, the plain one with a suffix, and all of them
name the same entity for ``If-None-Match`` (RFC 9110's weak comparison).
"""

import gzip
from typing import Literal

import brotli

Encoding = Literal["identity", "gzip", "br"]

_SUFFIX: dict[Encoding, str] = {"identity": "", "gzip": "-gz", "br": "-br"}
_REFUSED = ("q=0", "q=0.0", "q=0.00", "q=0.000")


def accepted_codings(header: str) -> set[str]:
    """The coding names in an ``Accept-Encoding`` header that are not refused with ``q=0``."""
    accepted = set()
    for coding in header.split(","):
        name, _, params = coding.strip().partition(";")
        if params.replace(" ", "").lower() not in _REFUSED:
            accepted.add(name.strip().lower())
    return accepted


def wanted_encoding(header: str) -> Encoding:
    accepted = accepted_codings(header)
    if "br" in accepted:
        return "br"
    if "gzip" in accepted or "*" in accepted:
        return "gzip"
    return "identity"


def compressed(body: bytes, encoding: Encoding, *, best: bool = False) -> bytes:
    """``body`` in ``encoding``; ``best`` spends more time for fewer bytes (publishing does,
    once per change; a request that found nothing stored does not)."""
    if encoding == "gzip":
        return gzip.compress(body, compresslevel=9 if best else 6, mtime=0)
    if encoding == "br":
        return bytes(brotli.compress(body, quality=11 if best else 5))
    return body


def etag_variant(etag: str, encoding: Encoding) -> str:
    """The ETag of ``encoding``'s bytes, from the plain bytes' ``"…"`` ETag."""
    return f'{etag[:-1]}{_SUFFIX[encoding]}"'


def same_entity(tag: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` entry names the same content as ``etag``, in any coding."""

    def bare(value: str) -> str:
        value = value.strip().removeprefix("W/").strip('"')
        return value.removesuffix("-gz").removesuffix("-br")

    return bare(tag) == bare(etag)
