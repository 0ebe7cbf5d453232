"""The language of API answers: ``?lang=``, else ``Accept-Language``, and nothing else.

Both read a language tag the same way (``language_of``): in any case, with ``_`` for ``-``
(``ru_RU``, as many clients' locale names are spelt) and with a region or script after the
language (``ru-RU``) read as the language itself.
"""

import re
from functools import cache
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

LANGUAGE_PARAM = "lang"

# A language tag as RFC 5646 shapes it, after ``language_of`` folded its case and underscores.
_TAG = re.compile(r"[a-z]{1,8}(?:-[a-z0-9]{1,8})*")
# One entry of Accept-Language: a tag (or ``*``) and its weight, RFC 9110 12.5.4.
_ENTRY = re.compile(r"\s*([A-Za-z0-9_*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+)\s*)?")


def supported_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_of(tag: str) -> str | None:
    """The supported language ``tag`` names (``RU``, ``ru-RU``, ``ru_RU``: ``ru``), or None."""
    folded = tag.strip().lower().replace("_", "-")
    if not _TAG.fullmatch(folded):
        return None
    supported = supported_languages()
    if folded in supported:
        return folded
    primary = folded.split("-", 1)[0]
    return primary if primary in supported else None


def language_from_accept(header: str) -> str:
    """The supported language ``Accept-Language`` prefers: the highest weight, the first of
    equal weights; the default language when it names none (or only ``*``)."""
    chosen, weight = settings.LANGUAGE_CODE, 0.0
    for entry in header.split(","):
        match = _ENTRY.fullmatch(entry)
        if match is None:
            continue  # not a tag: the rest of the list still counts
        tag, q = match.groups()
        try:
            quality = float(q) if q is not None else 1.0
        except ValueError:
            continue
        language = language_of(tag)
        if language is not None and 0 < quality <= 1 and quality > weight:
            chosen, weight = language, quality
    return chosen


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
