"""Labels of the API's enum values: a label and a short explanation per value, in each language.

Apps give theirs through ``AppHooks.label_sets`` (the texts live beside each app's models:
``zones/labels.py``, ``routines/labels.py``; the core's own in ``footcare/content/
picture_labels.py``), each set named after the enum schema of the contract it labels
(``DifficultyEnum``). Sets of the same name from several apps are one enum whose values they
share (the kinds of items a sync deletes: each app names its own), joined in app order.

The texts are gettext strings of the one catalogue (``footcare/locale/``), so they change only
with a release: ``version`` is a digest of what a language's labels say, which a sync carries so
that an app knows when to fetch them again.
"""

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db.models import Choices
from django.utils.functional import Promise
from django.utils.translation import get_language

from footcare.hooks import AppHooks, contributions

Text = str | Promise


@dataclass(frozen=True)
class Label:
    """One value of an enum, as a person reads it."""

    value: str  # as the API sends it, e.g. "ask_a_doctor_first"
    label: Text  # a few words, e.g. "Ask a doctor first"
    explanation: Text  # a sentence or two for a lay reader


@dataclass(frozen=True)
class LabelSet:
    """The labels of one enum of the contract, or of the part of its values an app owns."""

    enum: str  # the contract's schema name, e.g. "DifficultyEnum"
    labels: tuple[Label, ...]

    @property
    def key(self) -> str:
        """The field of the labels answer that holds them: ``DifficultyEnum`` → ``difficulty``."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.enum.removesuffix("Enum")).lower()

    @property
    def values(self) -> list[str]:
        return [label.value for label in self.labels]


def from_choices(enum: str, choices: type[Choices], explanations: Mapping[Any, Text]) -> LabelSet:
    """A set labelled as the model's choices are (the admin's words), explained by
    ``explanations`` (by value); a value without one is an error when the module loads."""
    missing = set(choices.values) ^ set(explanations)
    if missing:
        raise ValueError(f"{enum}: explanations do not match the choices: {sorted(missing)}")
    return LabelSet(
        enum,
        tuple(
            Label(str(value), label, explanations[value])
            for value, label in zip(choices.values, choices.labels, strict=True)
        ),
    )


@dataclass(frozen=True)
class Kind:
    """A kind of item the syncs send, as a sync's ``deletions`` name it: singular
    (``resource``) and plural (``collection``)."""

    resource: str
    collection: str
    singular: Text
    plural: Text
    explanation: Text
    lean_only: bool = False  # only ``/sync/lean/`` sends them (items other answers embed)


def kind_label_sets(kinds: Sequence[Kind]) -> list[LabelSet]:
    """The labels of an app's part of the four enums a sync's deletions use."""

    def labelled(enum: str, kinds: Sequence[Kind], *, plural: bool) -> LabelSet:
        return LabelSet(
            enum,
            tuple(
                Label(
                    kind.collection if plural else kind.resource,
                    kind.plural if plural else kind.singular,
                    kind.explanation,
                )
                for kind in kinds
            ),
        )

    full = [kind for kind in kinds if not kind.lean_only]
    return [
        labelled("DeletionResourceEnum", full, plural=False),
        labelled("DeletionCollectionEnum", full, plural=True),
        labelled("LeanDeletionResourceEnum", kinds, plural=False),
        labelled("LeanDeletionCollectionEnum", kinds, plural=True),
    ]


def label_sets() -> list[LabelSet]:
    """Every enum's labels, one set per enum, ordered by the answer's field name."""
    joined: dict[str, list[Label]] = {}
    for part in contributions(AppHooks.label_sets):
        joined.setdefault(part.enum, []).extend(part.labels)
    return sorted((LabelSet(enum, tuple(labels)) for enum, labels in joined.items()), key=_key)


def _key(label_set: LabelSet) -> str:
    return label_set.key


def labels_in(language: str | None = None) -> dict[str, Any]:
    """The labels answer in ``language`` (the active one by default): a ``version`` and, per
    enum, its values with label and explanation."""
    return _labels(language or get_language())


@cache
def _labels(language: str) -> dict[str, Any]:
    from django.utils import translation

    with translation.override(language):
        sets = {
            label_set.key: [
                {
                    "value": label.value,
                    "label": str(label.label),
                    "explanation": str(label.explanation),
                }
                for label in label_set.labels
            ]
            for label_set in label_sets()
        }
    text = json.dumps(sets, ensure_ascii=False, sort_keys=True).encode()
    return {"version": hashlib.sha256(text).hexdigest()[:16], **sets}
