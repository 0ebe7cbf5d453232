"""How the contract describes an operation: its example answers, and a catalogue's pair of
list and detail operations."""

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view


def example(name: str, value: object, media_type: str = "application/json") -> OpenApiExample:
    """An example of a successful answer, shown in the docs under ``name``."""
    return OpenApiExample(
        name, value=value, response_only=True, status_codes=["200"], media_type=media_type
    )


def documented(  # type: ignore[no-untyped-def]
    tag: str,
    noun: str,
    list_text: str,
    detail_text: str,
    *,
    item: Any,
    detail: Any,
    items_named: str | None = None,
    detail_named: str | None = None,
):
    """A catalogue viewset's list and detail operations: summaries, descriptions, tag and
    examples. ``noun`` names one item ("body part"); the examples are called "Body parts"
    and "A body part" unless ``items_named`` or ``detail_named`` say otherwise."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {noun}s",
            description=list_text,
            tags=[tag],
            examples=[example(items_named or f"{noun.capitalize()}s", item)],
        ),
        retrieve=extend_schema(
            summary=f"Get a {noun}",
            description=detail_text,
            tags=[tag],
            examples=[example(detail_named or f"A {noun}", detail)],
        ),
    )
