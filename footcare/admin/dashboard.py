"""The editors' dashboard on the admin's index: what there is, and what waits for them.

Apps take part through two hooks of their AppConfig (``footcare.hooks.AppHooks``):

- ``dashboard_tallies(viewer)`` returns ``Tally`` entries: how many items of a kind there are;
- ``dashboard_listings(viewer)`` returns ``Listing`` entries: items that wait for an editor
  (draft routines, routines with safety problems).

This module adds what it sees without knowing any app: the items that broke content rules
at the last check (``footcare.content.findings``: kept, because the rules take seconds), the
texts still to translate in each translated model (``footcare.content.translations``) and the
last changes made in the admin (its LogEntry rows, by everyone). It knows no app, so the
layers keep pointing one way.

Each part costs a fixed number of queries whatever the number of rows (a count, an aggregate
per translated model, a prefetch), so the page stays as fast with a thousand routines. Each
shows only models the viewer may see, as the admin's app list does.
"""

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.admin import AdminSite
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import quote
from django.contrib.auth import get_permission_codename
from django.db.models import Model, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.timesince import timesince
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from footcare.content import translations
from footcare.content.findings import last_check
from footcare.content.fingerprints import pack_item_kinds
from footcare.hooks import AppHooks, contributions

# How many items a list shows before it says how many more there are.
LIST_LIMIT = 10
# How many of the last changes the sidebar shows.
CHANGES_LIMIT = 10


@dataclass(frozen=True)
class Viewer:
    """Who looks at the dashboard, and which admin their links lead into."""

    request: HttpRequest
    site: AdminSite

    def can_view(self, model: type[Model]) -> bool:
        """Whether the viewer may see ``model``'s items (the admin's view or change right)."""
        opts = model._meta
        return any(
            self.request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
            for action in ("view", "change")
        )

    def changelist_url(self, model: type[Model], **filters: str) -> str | None:
        """The admin's list of ``model``, filtered; None where the admin does not list it."""
        if not self.site.is_registered(model):
            return None
        opts = model._meta
        url = reverse(f"{self.site.name}:{opts.app_label}_{opts.model_name}_changelist")
        return f"{url}?{urlencode(filters)}" if filters else url

    def change_url(self, item: Model) -> str | None:
        """The admin's page of ``item``; None where the admin has none."""
        return self.change_url_of(type(item), item.pk)

    def change_url_of(self, model: type[Model], pk: Any) -> str | None:
        """The admin's page of the ``model`` item ``pk``, without reading it."""
        if not self.site.is_registered(model):
            return None
        opts = model._meta
        return reverse(
            f"{self.site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(pk)]
        )


@dataclass(frozen=True)
class Tally:
    """How many items of one kind there are, and where they are listed; ``parts`` split the
    number (published and draft routines)."""

    label: str
    number: int
    url: str | None = None
    parts: Sequence["Tally"] = ()


@dataclass(frozen=True)
class Entry:
    """One item that waits for an editor, with what to know about it."""

    label: str
    url: str | None = None
    updated: datetime | None = None
    notes: Sequence[str] = ()
    tag: str = ""  # a word beside the label, e.g. the routine's status


@dataclass(frozen=True)
class Listing:
    """Items of one kind that wait for an editor; ``more`` leads to the rest when the list is
    cut short, ``empty`` says so when nothing waits; ``note`` and an ``action`` (a button that
    posts to ``action_url``) say how fresh the list is and renew it."""

    key: str  # names the section on the page (its HTML id)
    heading: str
    empty: str
    entries: Sequence[Entry]
    more: str = ""
    more_url: str | None = None
    note: str = ""
    action: str = ""
    action_url: str | None = None


@dataclass(frozen=True)
class Missing:
    """How many items miss a field's text in one language, and the list of exactly those."""

    language: str
    number: int
    url: str | None


@dataclass(frozen=True)
class FieldGap:
    """A translated field that some items miss in some language; ``by_language`` has every
    language in order (a zero where nothing is missing), so that a table's columns line up."""

    label: str
    by_language: Sequence[Missing]


@dataclass(frozen=True)
class ModelGaps:
    """The fields of one translated model that still wait for a translation."""

    label: str
    url: str | None
    fields: Sequence[FieldGap]


@dataclass(frozen=True)
class TranslationReport:
    """What is left to translate. ``checked`` is False when the viewer may see no translated
    model: then "all translated" would be a claim about nothing."""

    checked: bool
    languages: Sequence[tuple[str, str]]  # (code, name), the columns of the table
    gaps: Sequence[ModelGaps]


@dataclass(frozen=True)
class Change:
    """One change made in the admin: what, by whom, when; ``url`` is None for a deletion."""

    flag: str  # "addition", "change" or "deletion", for the admin's icons
    action: str  # the same in words: "Added", "Changed", "Deleted"
    label: str
    kind: str
    who: str
    when: datetime
    url: str | None


@dataclass(frozen=True)
class Dashboard:
    """Everything the index shows, as one viewer may see it."""

    tallies: Sequence[Tally]
    listings: Sequence[Listing]
    translations: TranslationReport
    changes: Sequence[Change]

    @property
    def shows_content(self) -> bool:
        """Whether the viewer may see anything of the content at all."""
        return bool(self.tallies or self.listings or self.translations.checked)


def build(request: HttpRequest, site: AdminSite) -> Dashboard:
    """The dashboard as ``request``'s user may see it."""
    viewer = Viewer(request, site)
    return Dashboard(
        tallies=contributions(AppHooks.dashboard_tallies, viewer),
        listings=[*contributions(AppHooks.dashboard_listings, viewer), *rule_findings(viewer)],
        translations=translation_report(viewer),
        changes=last_changes(viewer),
    )


def can_check_content(viewer: Viewer) -> bool:
    """Whether the viewer may see some content, and so check it against the rules."""
    return any(viewer.can_view(model) for model in pack_item_kinds())


def rule_findings(viewer: Viewer) -> list[Listing]:
    """The items that broke content rules at the last check (``ContentCheck``, one query),
    each linked to its page with what it breaks, and a button to check again."""
    if not can_check_content(viewer):
        return []
    check = last_check()
    entries = [_finding_entry(viewer, findings) for findings in _by_item(check)]
    shown = [entry for entry in entries if entry is not None]
    hidden = len(shown) - LIST_LIMIT
    return [
        Listing(
            key="rules",
            heading=_("Content that breaks the rules"),
            empty=_("The content keeps every rule.") if check else _("Not checked yet."),
            entries=shown[:LIST_LIMIT],
            more=_more_items(hidden) if hidden > 0 else "",
            note=(
                _("Checked %(time)s ago.") % {"time": timesince(check.checked_at)} if check else ""
            ),
            action=_("Check again") if check else _("Check now"),
            action_url=reverse(f"{viewer.site.name}:content_check"),
        )
    ]


def _more_items(count: int) -> str:
    return ngettext(
        "and %(count)d more item with problems", "and %(count)d more items with problems", count
    ) % {"count": count}


def _by_item(check: Any) -> list[list[dict[str, Any]]]:
    """The last check's findings grouped by item, those about no one item last."""
    grouped: dict[tuple[str, Any], list[dict[str, Any]]] = {}
    for finding in check.findings if check else []:
        grouped.setdefault((finding["model"], finding["pk"]), []).append(finding)
    return sorted(grouped.values(), key=lambda findings: not findings[0]["model"])


# How many of an item's findings the dashboard lists before it counts the rest.
FINDINGS_LIMIT = 5


def _finding_entry(viewer: Viewer, findings: list[dict[str, Any]]) -> Entry | None:
    first = findings[0]
    notes = [f"{finding['location']}: {finding['message']}" for finding in findings]
    if len(notes) > FINDINGS_LIMIT:
        rest = len(notes) - FINDINGS_LIMIT + 1
        notes = [*notes[: FINDINGS_LIMIT - 1], _more_findings(rest)]
    if not first["model"]:
        return Entry(label=_("The content as a whole"), notes=notes)
    try:
        model = apps.get_model(first["model"])
    except LookupError:  # a model a later release removed
        return None
    if not viewer.can_view(model):
        return None
    names = first["label"]
    return Entry(
        label=names.get(get_language() or "", "") or names.get("en", "") or first["location"],
        url=viewer.change_url_of(model, first["pk"]),
        notes=notes,
        tag=capfirst(str(model._meta.verbose_name)),
    )


def _more_findings(count: int) -> str:
    return ngettext("and %(count)d more finding", "and %(count)d more findings", count) % {
        "count": count
    }


def tally_of(viewer: Viewer, model: type[Model]) -> Tally:
    """How many ``model`` items there are (one query), linked to their list."""
    return Tally(
        label=capfirst(str(model._meta.verbose_name_plural)),
        number=model._default_manager.count(),
        url=viewer.changelist_url(model),
    )


def translation_report(viewer: Viewer) -> TranslationReport:
    """The translated fields each model the viewer may see still misses, per language."""
    visible = sorted(
        (model for model in translations.translated_models() if viewer.can_view(model)),
        key=_admin_order,
    )
    reports = [model_gaps(viewer, model) for model in visible]
    languages = [(code, translations.language_name(code)) for code in translations.languages()]
    return TranslationReport(
        checked=bool(visible), languages=languages, gaps=[gaps for gaps in reports if gaps.fields]
    )


def _admin_order(model: type[Model]) -> tuple[int, str]:
    """Apps in the order of INSTALLED_APPS, models by name within each, as the app list."""
    order = [config.label for config in apps.get_app_configs()]
    return order.index(model._meta.app_label), str(model._meta.verbose_name_plural).lower()


def model_gaps(viewer: Viewer, model: type[Model]) -> ModelGaps:
    """The fields of ``model`` some items miss in some language (one query)."""
    counts = translations.missing_counts(model)
    fields = [
        FieldGap(
            label=translations.field_label(model, name),
            by_language=[
                _missing(viewer, model, column, counts[column])
                for column in (translations.Column(name, code) for code in translations.languages())
            ],
        )
        for name in translations.translated_fields(model)
    ]
    return ModelGaps(
        label=capfirst(str(model._meta.verbose_name_plural)),
        url=viewer.changelist_url(model),
        fields=[gap for gap in fields if any(missing.number for missing in gap.by_language)],
    )


def _missing(
    viewer: Viewer, model: type[Model], column: translations.Column, number: int
) -> Missing:
    url = viewer.changelist_url(model, untranslated=column.name) if number else None
    return Missing(language=column.language, number=number, url=url)


def last_changes(viewer: Viewer, limit: int = CHANGES_LIMIT) -> list[Change]:
    """The last changes made in the admin by anyone, to items the viewer may see (one query).

    The admin's own "My actions" shows only the viewer's; an editor wants to know what the
    others did too. Only models of this admin the viewer may see: a list of another's edits
    of user accounts is not for an editor's eyes.
    """
    visible = [model for model in viewer.site._registry if viewer.can_view(model)]
    if not visible:
        return []
    of_visible_models = reduce(
        operator.or_,
        (
            Q(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
            )
            for model in visible
        ),
    )
    entries = (
        LogEntry.objects.filter(of_visible_models)
        .select_related("user", "content_type")
        .order_by("-action_time", "-pk")[:limit]
    )
    return [_change(entry) for entry in entries]


def _change(entry: LogEntry) -> Change:
    user = entry.user
    model = entry.content_type.model_class() if entry.content_type else None
    flag, action = _action(entry)
    return Change(
        flag=flag,
        action=action,
        label=entry.object_repr,
        kind=capfirst(str(model._meta.verbose_name)) if model else _("Unknown content"),
        who=user.get_full_name() or user.get_username(),
        when=entry.action_time,
        url=None if entry.is_deletion() else entry.get_admin_url(),
    )


def _action(entry: LogEntry) -> tuple[str, str]:
    if entry.is_addition():
        return "addition", _("Added")
    if entry.is_deletion():
        return "deletion", _("Deleted")
    return "change", _("Changed")
