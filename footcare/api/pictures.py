"""How items show a stored picture in API answers (the bytes are served by ``views.pictures``)."""

from typing import Any

from rest_framework import serializers

from footcare.content.pictures import EXTENSIONS, SVG_TYPE, picture_url
from footcare.models import Picture

# How long a picture's bytes may be kept without asking: its address changes when they do.
IMMUTABLE = f"public, max-age={365 * 24 * 3600}, immutable"


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
