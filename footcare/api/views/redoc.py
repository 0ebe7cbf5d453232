"""Redoc's script, served by us with its one request to another host taken out.

The standalone bundle that drf-spectacular-sidecar ships always draws Redocly's logo from
their CDN under the side menu ("API docs by Redocly"). The docs pages load nothing from
elsewhere: the Content-Security-Policy blocks that image, but the browser still tries, and
an offline or watched machine sees it try. So ``/api/v1/redoc/`` loads the bundle from
here, with the logo's address replaced by a small picture of our own, inline (``data:``,
which the policy allows for images).

The bundle is built once per process from the sidecar's file and kept in memory with a gzip
copy; each copy has a strong ETag, so a browser revalidates a day-old copy with a 304.
"""

import functools
import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import drf_spectacular_sidecar
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

SIDECAR_BUNDLE = (
    Path(drf_spectacular_sidecar.__file__).resolve().parent
    / "static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
)
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
# Three lines of a page: "docs", in the menu's grey, 16 × 16.
OUR_LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">'
    '<g stroke="#8c8c8c" stroke-width="2" stroke-linecap="round">'
    '<path d="M3 4h10M3 8h10M3 12h6"/></g></svg>'
)
OUR_LOGO = "data:image/svg+xml," + quote(OUR_LOGO_SVG)
# Its offsets no longer match the edited bundle, and the map is not served beside it.
SOURCE_MAP_COMMENT = "//# sourceMappingURL=redoc.standalone.js.map"
MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Variant:
    body: bytes
    etag: str


@dataclass(frozen=True)
class Bundle:
    plain: Variant
    gzipped: Variant


def local_copy(script: str) -> str:
    """The bundle's text with the logo drawn from here and no source map comment."""
    return script.replace(REDOCLY_LOGO, OUR_LOGO).replace(SOURCE_MAP_COMMENT, "")


@functools.cache
def bundle() -> Bundle:
    """Built on first use (a megabyte read, edited and compressed once per process)."""
    body = local_copy(SIDECAR_BUNDLE.read_text(encoding="utf-8")).encode()
    digest = hashlib.sha256(body).hexdigest()[:32]
    return Bundle(
        plain=Variant(body, f'"{digest}"'),
        # mtime=0: the same bytes, and so the same tag, in every process.
        gzipped=Variant(gzip.compress(body, mtime=0), f'"{digest}-gzip"'),
    )


@require_safe
def serve_redoc_bundle(request: HttpRequest) -> HttpResponseBase:
    """The Redoc standalone bundle, without its request to Redocly's CDN."""
    wants_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    variant = bundle().gzipped if wants_gzip else bundle().plain
    response: HttpResponseBase
    if variant.etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(variant.body, content_type="text/javascript; charset=utf-8")
        if wants_gzip:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = variant.etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
