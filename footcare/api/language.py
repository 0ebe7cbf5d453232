"""The language of API answers: ``?lang=``, else ``Accept-Language``, and nothing else."""

from functools import cache
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

LANGUAGE_PARAM = "lang"


# Which texts of an answer are in the default language because the requested one has none yet:
# `zone.caution, step.tip` (resource.field, each once). Absent when nothing fell back.
FALLBACK_HEADER = "Translation-Fallback"


@cache
def _translated_fields(model: type[Model]) -> frozenset[str]:
    try:
        return frozenset(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return frozenset()


class ReportsTranslationFallbacks:
    """A model serializer mixin: notes on the request each field it served in the default
    language because the requested language's text is empty (modeltranslation falls back)."""

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)  # type: ignore[misc]
        language = translation.get_language()
        request = self.context.get("request")  # type: ignore[attr-defined]
        translated = _translated_fields(type(instance))  # type: ignore[arg-type]
        if not translated or request is None or language == settings.LANGUAGE_CODE:
            return data
        http_request = getattr(request, "_request", request)  # DRF's request wraps Django's
        fallen = getattr(http_request, "translation_fallbacks", None)
        if fallen is None:
            fallen = http_request.translation_fallbacks = set()
        resource = type(instance)._meta.model_name
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if (
                field.source in translated
                and name in data
                and not getattr(instance, f"{field.source}_{language}", None)
                and getattr(instance, f"{field.source}_{settings.LANGUAGE_CODE}", None)
            ):
                fallen.add(f"{resource}.{name}")
        return data
