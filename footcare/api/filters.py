"""Filters whose every value the contract can describe exactly.

The fuzzer holds the contract to its word in both directions: a value the schema allows must be
answered, and a value it forbids must be a 400. django-filter's stock filters miss both ways: a
slug that names nothing was a 400 though any string was allowed, and ``?without_tools=null``
was silently ignored though the parameter is a boolean.

A filter on a related item takes its id as well as its slug, and a slug the item had before a
rename (``item_filter``): an app that stored either, or an old link, still finds it.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django_filters import rest_framework as filters
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.utils import extend_schema_field

from footcare.content.identity import named

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
SLUG_MAX_LENGTH = 50  # Django's SlugField, which every model here uses


def is_slug(text: str) -> bool:
    """Whether ``text`` is a slug as the contract states one (pattern and length)."""
    return len(text) <= SLUG_MAX_LENGTH and re.fullmatch(SLUG_PATTERN[1:-1], text) is not None


# What a filter that names an item says of the names it takes, in the contract.
NAMES_AN_ITEM = (
    " Its id or its slug; a slug it had before a rename still names it. A well-formed name "
    "that names no item matches nothing: an empty page, as a search for nothing is."
)


def _related_model(model: type[Model], path: str) -> type[Model]:
    """The model at the end of a ``steps__zones`` path from ``model``."""
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model  # type: ignore[assignment]
    return model


def matching(model: type[Model], **lookups: Any) -> QuerySet[Any]:
    """The ids of the rows of ``model`` that ``lookups`` match, as a subquery: a filter across
    a many-valued relation is ``pk IN (…)`` (a semi-join), never a join.

    A join repeats a routine once per matching step and zone, and each further such filter
    multiplies the rows (hence DISTINCT over them all): the fuzzer's request with every filter
    at once ran past the 5 s statement timeout on PostgreSQL over 14 routines. As semi-joins,
    filters combined cost the sum of their costs, and no row comes twice.
    """
    return model._base_manager.filter(**lookups).values("pk")


class ItemFilter(filters.CharFilter):
    """Items related to the item a client names by id, slug or former slug (``named``)."""

    field_name: str  # always given: ``item_filter`` names the relation

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if value in EMPTY_VALUES:
            return qs
        target = _related_model(qs.model, self.field_name)
        related = {f"{self.field_name}__in": named(target, value)}
        return qs.filter(pk__in=matching(qs.model, **related))


def item_filter(field_name: str, help_text: str) -> filters.CharFilter:
    """Items related to the item named by ``field_name``'s id or slug (a former slug too).

    A well-formed name that names nothing matches nothing (an empty page, like a search for
    nothing), a malformed one is a 400. An id is written as a slug may be, so the contract's
    form is the slug's.
    """
    help_text += NAMES_AN_ITEM
    item = ItemFilter(
        field_name=field_name,
        max_length=SLUG_MAX_LENGTH,
        validators=[forms.SlugField.default_validators[0]],
        help_text=help_text,
    )
    schema = {
        "type": "string",
        "pattern": SLUG_PATTERN,
        "maxLength": SLUG_MAX_LENGTH,
        "description": help_text,
    }
    extend_schema_field(schema)(item)  # type: ignore[type-var]  # marks the instance
    return item


# What a query string may say for a whole number: ASCII digits, nothing else. int() would also
# take " 5", "5_0" and other scripts' digits, and Django's IntegerField takes "5.0".
PLAIN_NUMBER = re.compile(r"[0-9]{1,9}")
LARGEST_NUMBER = 999_999_999


def whole_number(raw: str, minimum: int, maximum: int = LARGEST_NUMBER) -> int | None:
    """``raw`` as a plain whole number from ``minimum`` to ``maximum``; None if it is not one."""
    value = int(raw) if PLAIN_NUMBER.fullmatch(raw) else None
    return value if value is not None and minimum <= value <= maximum else None


class PlainIntegerField(forms.Field):
    """A whole number of at most nine ASCII digits, from ``min_value`` up."""

    def __init__(self, *, min_value: int = 0, **kwargs: Any) -> None:
        self.min_value = min_value
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in (None, ""):
            return None
        number = whole_number(value, self.min_value)
        if number is None:
            raise ValidationError(
                f"Must be a whole number from {self.min_value} to {LARGEST_NUMBER}.",
                code="invalid",
            )
        return number


def whole_number_filter(field_name: str, lookup_expr: str, help_text: str) -> filters.Filter:
    """A filter on a whole number, typed as one in the contract, with its range."""
    number = filters.Filter(
        field_name=field_name, lookup_expr=lookup_expr, help_text=help_text, min_value=0
    )
    number.field_class = PlainIntegerField
    schema = {"type": "integer", "minimum": 0, "maximum": LARGEST_NUMBER, "description": help_text}
    extend_schema_field(schema)(number)  # type: ignore[type-var]  # marks the instance
    return number


class PlainBooleanField(forms.NullBooleanField):
    """``true`` or ``false``, as the contract's boolean is written in a query string."""

    VALUES = {"true": True, "false": False}

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]  # None: no filter
        if value in (None, ""):
            return None
        if value not in self.VALUES:
            raise ValidationError("Must be true or false.", code="invalid")
        return self.VALUES[value]


class PlainBooleanFilter(filters.BooleanFilter):
    """A boolean filter that refuses anything but ``true`` and ``false`` instead of ignoring it."""

    field_class = PlainBooleanField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The raw text, not django-filter's widget, which turns "null" or "yes" into "no filter".
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)
