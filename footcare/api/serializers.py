"""The base of every content serializer."""

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
