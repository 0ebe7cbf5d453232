"""Content rules: what ``manage.py check_content`` reports and the content tests assert.

A rule is a function returning ``Violation``s; apps list theirs with the ``content_rules()``
hook of their AppConfig (``footcare.hooks.AppHooks``). The content core knows no app.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from footcare.hooks import AppHooks, contributions


@dataclass(frozen=True)
class Violation:
    """One broken rule, where an editor can find it."""

    rule: str  # e.g. "map: inside outline"
    location: str  # e.g. "zone bladder, plantar view"
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message} [{self.rule}]"


Rule = Callable[[], Iterable[Violation]]


def content_rules() -> list[Rule]:
    return contributions(AppHooks.content_rules)


def violations(rules: Iterable[Rule] | None = None) -> list[Violation]:
    """Every violation of ``rules`` (all apps' rules by default), in rule order."""
    return [found for rule in (rules or content_rules()) for found in rule()]
