"""Words the content uses: the editors' glossary, and text that must never be served.

``glossary.yaml`` (beside this module, shipped with the package) names one term
per language for each concept and the variants to avoid. These rules read every translated
text of every model, so a new model or field is checked without being listed here.
"""

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from modeltranslation.translator import translator

from footcare.content.rules import Rule, Violation

GLOSSARY = Path(__file__).resolve().parent / "glossary.yaml"

# How the content was made is nobody's business but ours: no text may speak of it.
INTERNAL = ["seed text", "source text", "the seed", "исходный текст", "исходном тексте"]


@cache
def glossary() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8")) or {}
    return document


def _texts() -> Iterator[tuple[str, str, str]]:
    """(location, language, text) for every translated text in the database."""
    languages = [code for code, _name in settings.LANGUAGES]
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).get_field_names()
        for row in model._default_manager.all():
            where = f"{model._meta.verbose_name} {getattr(row, 'slug', row.pk)}"
            for field in fields:
                for code in languages:
                    text = getattr(row, f"{field}_{code}", "") or ""
                    if text:
                        yield f"{where}, {field}", code, text


def avoided_terms() -> Iterator[Violation]:
    terms = glossary().get("terms", [])
    avoid = {
        code: [
            (variant, term.get(code, ""))
            for term in terms
            for variant in term.get(f"avoid_{code}", [])
        ]
        for code, _name in settings.LANGUAGES
    }
    for location, code, text in _texts():
        lowered = text.lower()
        for variant, preferred in avoid.get(code, []):
            if variant.lower() in lowered:
                yield Violation(
                    "words: glossary",
                    f"{location} ({code})",
                    f"says “{variant}”; the glossary's term is “{preferred}”.",
                )


def no_internal_wording() -> Iterator[Violation]:
    for location, code, text in _texts():
        lowered = text.lower()
        said = [phrase for phrase in INTERNAL if phrase in lowered]
        if said:
            yield Violation(
                "words: internal",
                f"{location} ({code})",
                f"speaks of how the content was written (“{said[0]}”).",
            )


RULES: list[Rule] = [avoided_terms, no_internal_wording]
