"""Translated texts: which fields are translated, their columns, and which still wait for a
translation (one rule for the dashboard and the admin's filter).

django-modeltranslation gives every translated field one column per language
(``summary_en``, ``summary_ru``). A text is missing in a language when its column is empty
(``""`` or NULL; the admin's forms strip blanks, so a text of spaces is stored as ``""``) and
it should not be:

- a required field (a title, a description) must be written in every language;
- an optional one (a tip, a caution) may stay empty, but not in one language only: written
  in another language, it is missing in this one.

Knows no app: it reads modeltranslation's registry, so a new translated model or field is
counted without being listed anywhere.
"""

import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.conf import settings
from django.db.models import Count, Field, Model, Q
from django.utils.text import capfirst
from django.utils.translation import gettext
from modeltranslation.translator import NotRegistered, TranslationOptions, register, translator


@dataclass(frozen=True)
class Column:
    """One translated field in one language, e.g. ``summary`` in ``ru`` (``summary_ru``)."""

    field: str
    language: str

    @property
    def name(self) -> str:
        return f"{self.field}_{self.language}"


def translate(model: type[Model], *fields: str) -> None:
    """Have editors write ``fields`` of ``model`` in every language: django-modeltranslation
    adds one column per language (``summary_en``, ``summary_ru``). Called by each app's
    ``translation`` module, which modeltranslation imports at start-up."""
    options = type(f"{model.__name__}Translation", (TranslationOptions,), {"fields": fields})
    register(model)(options)


def translated_columns(*fields: str) -> list[str]:
    """Every language's column of each field, e.g. ``name_en``, ``name_ru``: for lists that
    must name each column (search fields) and follow ``LANGUAGES`` when a language is added."""
    return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]


def languages() -> list[str]:
    """The language codes every translated text is written in, the default first."""
    return [code for code, _name in settings.LANGUAGES]


def _field(model: type[Model], name: str) -> "Field[Any, Any]":
    field = model._meta.get_field(name)
    if not isinstance(field, Field):  # modeltranslation translates plain fields only
        raise TypeError(f"{model.__name__}.{name} is not a translatable field")
    return field


def language_name(code: str) -> str:
    """The language's name in the admin's language, e.g. "Russian"."""
    return str(dict(settings.LANGUAGES).get(code, code))


def field_label(model: type[Model], name: str) -> str:
    """How an editor calls the field, e.g. "Summary"."""
    return capfirst(str(_field(model, name).verbose_name))


def column_label(model: type[Model], column: Column) -> str:
    """How an editor calls the column, e.g. "Summary in Russian"."""
    return gettext("%(field)s in %(language)s") % {
        "field": field_label(model, column.field),
        "language": language_name(column.language),
    }


def translated_models() -> list[type[Model]]:
    """Every concrete model with translated fields."""
    return translator.get_registered_models(abstract=False)


def translated_fields(model: type[Model]) -> list[str]:
    """The names of ``model``'s translated fields, in the model's order (as its form shows
    them; the registry keeps no order)."""
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []
    return [field.name for field in model._meta.fields if field.name in translated]


def columns(model: type[Model]) -> list[Column]:
    """Each translated field of ``model`` in each language, field by field."""
    return [Column(field, code) for field in translated_fields(model) for code in languages()]


def _empty(field: str, language: str) -> Q:
    column = Column(field, language).name
    return Q(**{column: ""}) | Q(**{f"{column}__isnull": True})


def missing(model: type[Model], column: Column) -> Q:
    """The rows of ``model`` whose text in ``column`` is missing (see the module's rule)."""
    empty = _empty(column.field, column.language)
    if not _field(model, column.field).blank:
        return empty
    others = [code for code in languages() if code != column.language]
    if not others:
        return Q(pk__in=[])  # one language only: an optional text is never half-written
    written_elsewhere = reduce(operator.or_, (~_empty(column.field, code) for code in others))
    return empty & written_elsewhere


def missing_counts(model: type[Model]) -> dict[Column, int]:
    """How many rows of ``model`` miss each of its translated columns: one query."""
    wanted = columns(model)
    if not wanted:
        return {}
    # Aliases of their own: an aggregate named like a column (summary_ru) would clash with it.
    counts = {
        f"missing_{column.name}": Count("pk", filter=missing(model, column)) for column in wanted
    }
    totals = model._default_manager.aggregate(**counts)
    return {column: totals[f"missing_{column.name}"] for column in wanted}
