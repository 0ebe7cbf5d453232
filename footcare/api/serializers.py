"""The base of every content serializer, and references to items by id."""

from typing import Any

from rest_framework import serializers

from footcare.api.language import ReportsTranslationFallbacks
from footcare.content.identity import Identified


class ContentModelSerializer(ReportsTranslationFallbacks, serializers.ModelSerializer):
    """Serves an item's ``id`` first, for items that have one, and reports the texts it
    served untranslated (``Translation-Fallback``)."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields: dict[str, serializers.Field] = super().get_fields()
        if issubclass(self.Meta.model, Identified):
            identity = serializers.UUIDField(
                source="uuid",
                read_only=True,
                help_text="Never changes, whatever the slug: keep favourites and progress by it.",
            )
            return {"id": identity, **fields}
        return fields


def references(**kwargs: Any) -> Any:
    """Other items by their ``id``: the lean sync sends each item once and refers to it.

    Typed ``Any``: lean serializers put it where their bases have a nested serializer.
    """
    return serializers.SlugRelatedField(slug_field="uuid", read_only=True, **kwargs)
