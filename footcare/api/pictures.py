"""Pictures over HTTP: the bytes at an address named by their digest, and how items show them.

A picture's address carries the SHA-256 of its bytes, so the bytes at an address never
change: browsers and apps may keep them for a year without asking (``immutable``), and an
item that shows another picture shows another address. The ETag is the digest, so a client
that asks anyway gets a 304.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe
from rest_framework import serializers

from footcare.content.pictures import EXTENSIONS, SVG_TYPE, extension
from footcare.models import Picture

YEAR = 365 * 24 * 3600
# An SVG is a document: shown on its own, it may run nothing and fetch nothing.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


class ThumbnailSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="Where to get it (this service's own address).")
    width = serializers.IntegerField(min_value=1, help_text="In pixels (SVG: user units).")
    height = serializers.IntegerField(min_value=1, help_text="In pixels (SVG: user units).")


class ImageSerializer(ThumbnailSerializer):
    content_type = serializers.ChoiceField(
        choices=sorted(EXTENSIONS), help_text="The picture's media type."
    )
    alt = serializers.CharField(
        help_text="What the picture shows, in the request's language, for screen readers."
    )
    thumbnail = ThumbnailSerializer(
        help_text="A copy at most 320 pixels on its longer side, for lists; for SVG, the "
        "picture itself (it scales)."
    )


def picture_url(picture: Picture, *, thumbnail: bool = False) -> str:
    name = f"{picture.digest}.thumbnail" if thumbnail else picture.digest
    return reverse("picture", args=[f"{name}.{extension(picture)}"])


def image(picture: Picture, alt: str) -> dict[str, Any]:
    """How an item shows a stored picture (see ``ImageSerializer``)."""
    small = picture.content_type != SVG_TYPE
    return {
        "url": picture_url(picture),
        "width": picture.width,
        "height": picture.height,
        "content_type": picture.content_type,
        "alt": alt,
        "thumbnail": {
            "url": picture_url(picture, thumbnail=small),
            "width": picture.thumbnail_width,
            "height": picture.thumbnail_height,
        },
    }


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
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    if picture.content_type == SVG_TYPE:
        response["Content-Security-Policy"] = SVG_POLICY
    return response
