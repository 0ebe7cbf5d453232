"""The admin's search: which rows hold every word, found in one read of their texts.

A search filter per word, as Django's admin builds it, joins a to-many relation once per
word: ten words over a zone's body parts made the database combine every body part with
every other ten times over, and stalled it for seconds (a statement timeout and a 500 on
PostgreSQL). Here the search fields are read once, whatever the words, in one query per
relation they cross (so two relations are not multiplied either), and the words are tested
in Python: what the database does depends on the catalogue, never on what is typed.

Reading every row suits the catalogue, which is hundreds of rows; a table of millions would
want a search index instead. Python also ignores case in every alphabet on every database,
which SQLite's LIKE does not (it folds ASCII only).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Model
from django.db.models.constants import LOOKUP_SEP
from django.utils.text import smart_split, unescape_string_literal


def search_words(search_term: str) -> list[str]:
    """The words of an admin search, as Django's admin splits them: at spaces, except
    within quotes, so that ``"between the"`` is one word."""
    return [
        unescape_string_literal(word)
        if word.startswith(('"', "'")) and word[0] == word[-1] and len(word) > 1
        else word
        for word in smart_split(search_term)
    ]


def _by_relation(fields: Iterable[str]) -> dict[str, list[str]]:
    """The search fields grouped by the relation they cross ("" for the model's own)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for field in fields:
        groups[field.rpartition(LOOKUP_SEP)[0]].append(field)
    return groups


def rows_with_every_word(
    model: type[Model], fields: Sequence[str], words: Iterable[str]
) -> list[Any]:
    """The primary keys of ``model``'s rows in which each word is found in one of ``fields``
    (a word may match one field and the next another, a body part and the next another),
    ignoring case in every alphabet."""
    wanted = {word.casefold() for word in words}  # a word said twice is looked for once
    texts: dict[Any, list[str]] = defaultdict(list)
    for group in _by_relation(fields).values():
        # Without the model's ordering: the rows are gathered by key, not listed.
        for pk, *values in model._default_manager.order_by().values_list("pk", *group):
            texts[pk].extend(str(value).casefold() for value in values if value is not None)
    return sorted(
        pk
        for pk, found in texts.items()
        if all(any(word in text for text in found) for word in wanted)
    )
