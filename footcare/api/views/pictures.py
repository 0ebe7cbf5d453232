"""Pictures over HTTP: the bytes at an address named by their digest.

A picture's address carries the SHA-256 of its bytes, so the bytes at an address never
change: browsers and apps may keep them for a year without asking (``immutable``), and an
item that shows another picture shows another address. The ETag is the digest, so a client
that asks anyway gets a 304.
"""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from footcare.api.pictures import IMMUTABLE
from footcare.content.pictures import SVG_TYPE, extension
from footcare.models import Picture

# An SVG is a document: shown on its own, it may run nothing and fetch nothing.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@require_safe
def serve_picture(request: HttpRequest, name: str) -> HttpResponse:
    """``<digest>.<ext>`` or ``<digest>.thumbnail.<ext>``: the bytes, cached for a year."""
    stem, _dot, ext = name.rpartition(".")
    digest, _dot, variant = stem.partition(".")
    if variant not in ("", "thumbnail"):
        raise Http404
    picture = Picture.objects.filter(digest=digest).first()
    if picture is None or ext != extension(picture):
        raise Http404
    data = bytes(picture.thumbnail if variant and picture.thumbnail else picture.data)
    etag = f'"{picture.digest}{"-t" if variant else ""}"'
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(data, content_type=picture.content_type)
    response["ETag"] = etag
    response["Cache-Control"] = IMMUTABLE
    response["X-Content-Type-Options"] = "nosniff"
    if picture.content_type == SVG_TYPE:
        response["Content-Security-Policy"] = SVG_POLICY
    return response
