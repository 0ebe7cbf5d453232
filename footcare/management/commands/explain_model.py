import functools
import inspect
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, models
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import Signal

from footcare.api.sync import SyncResource, lean_sync_resources, sync_resources
from footcare.content import guards, history, journal

# The admin's methods one save or delete goes through, in the order they run.
ADMIN_PATH = ("changeform_view", "save_model", "save_related", "save_formset", "delete_model")
MODEL_SIGNALS: dict[str, Signal] = {
    "pre_save": pre_save,
    "post_save": post_save,
    "pre_delete": pre_delete,
    "post_delete": post_delete,
}


class Command(BaseCommand):
    """Print what runs when one model's rows are saved or deleted, read from the registries.

    The journal (which resources an entry names, and whose answers it refreshes), the safety
    guards, history, the signal receivers connected for it and the admin methods a save goes
    through: each comes from the registry that runs it (``footcare.content.journal``,
    ``guards``, ``history``, Django's signals and admin site), never from a list kept here, so
    the answer is what runs. Functions are named with their file and line, to open next.
    """

    help = "Print what runs when a model's rows are saved or deleted (app_label.Model)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("model", help="The model, as app_label.Model: routines.Step.")

    def handle(self, *args: Any, model: str, **options: Any) -> None:
        try:
            chosen = apps.get_model(model)
        except (LookupError, ValueError) as error:
            raise CommandError(f"{model}: no such model (app_label.Model).") from error
        for line in explain(chosen):
            self.stdout.write(line)


def explain(model: type[models.Model]) -> list[str]:
    """What runs when ``model`` rows are saved or deleted, as lines of text."""
    return [
        f"{model._meta.label} ({model._meta.verbose_name})",
        f"model bases: {', '.join(_bases(model))}",
        *_journal(model),
        *_guards(model),
        *_history(model),
        *_signals(model),
        *_admin(model),
    ]


def _bases(model: type[models.Model]) -> list[str]:
    return [
        _dotted(base)
        for base in model.__mro__[1:]
        if issubclass(base, models.Model) and base is not models.Model
    ]


def _journal(model: type[models.Model]) -> list[str]:
    registered = journal.registrations(model)
    if not registered:
        return ["journal: nothing (no public answer shows it)"]
    lines = ["journal (footcare.content.journal):"]
    for registration in registered:
        where = "" if registration.how == "tracked as" else f"  {_named(registration.function)}"
        lines.append(f"  {registration.how}: {', '.join(registration.resources)}{where}")
    touched = list(dict.fromkeys(r for each in registered for r in each.resources))
    lines.append("  refreshes the answers of:")
    lines += [f"    {resource}: {_answers(resource)}" for resource in touched]
    return lines


def _answers(resource: str) -> str:
    """Where the answers of ``resource`` are: its syncs' collections, its paths, and the
    answers of other resources that show it."""
    full = [each for each in sync_resources() if each.resource == resource]
    lean = [each for each in lean_sync_resources() if each.resource == resource]
    parts = [f"/sync/ {each.collection}" for each in full]
    parts += [f"/sync/lean/ {each.collection}" for each in lean]
    try:
        parts += [_paths(each) for each in full]
        parts += [
            f"shown at the paths of {other.resource}"
            for other in sync_resources()
            if other.resource != resource
            and any(resource in other.shows(path) for path in other.all_paths())
        ]
    except DatabaseError:  # no database to read the items' paths from
        parts.append("(its paths need the database)")
    return "; ".join(parts) or "no sync answer"


def _paths(resource: SyncResource) -> str:
    paths = resource.paths()
    lists = paths.get(None, [])
    items = sum(len(each) for slug, each in paths.items() if slug is not None)
    return " ".join([*lists, f"and {items} item paths"])


def _guards(model: type[models.Model]) -> list[str]:
    found = guards.guards_of(model)
    if not any(found.values()):
        return ["guards: none"]
    lines = ["guards (footcare.content.guards):"]
    lines += [
        f"  judge {what}: {_named(check)}" for what, checks in found.items() for check in checks
    ]
    return lines


def _history(model: type[models.Model]) -> list[str]:
    kept = history.kept(model)
    if kept is None:
        return ["history: not kept"]
    owner = "its own" if kept.owner is model else f"owned by {kept.owner._meta.label}"
    details = [f"versions {owner}"]
    if kept.follow:
        details.append(f"holding its {', '.join(kept.follow)}")
    if kept.restore_keeps:
        details.append(f"a restore keeps {', '.join(kept.restore_keeps)}")
    return [f"history (footcare.content.history): {'; '.join(details)}"]


def _signals(model: type[models.Model]) -> list[str]:
    lines = ["signal receivers:"]
    for name, signal in MODEL_SIGNALS.items():
        lines += _receivers(name, signal, model)
    for through, field in _links(model):
        lines += _receivers(f"m2m_changed ({field})", m2m_changed, through)
    return lines


def _links(model: type[models.Model]) -> Iterable[tuple[type[models.Model], str]]:
    """The through models of its many-to-many relations, from either side."""
    for field in model._meta.get_fields():
        if field.many_to_many:
            # A reverse relation's remote field is the ManyToManyField on the other model.
            relation: Any = field if field.concrete else field.remote_field
            owner = relation.model._meta.object_name
            yield relation.remote_field.through, f"{owner}.{relation.name}"


def _receivers(name: str, signal: Signal, sender: Any) -> list[str]:
    sync, asynchronous = signal._live_receivers(sender)
    return [f"  {name}: {_named(receiver)}" for receiver in [*sync, *asynchronous]]


def _admin(model: type[models.Model]) -> list[str]:
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        return _inline(model)
    lines = [f"admin: {_dotted(type(model_admin))}"]
    for method in ADMIN_PATH:
        # Every class that defines it, in the order their super() calls run.
        chain = [_dotted(base) for base in type(model_admin).__mro__ if method in vars(base)]
        lines.append(f"  {method}: {' -> '.join(chain)}")
    return lines


def _inline(model: type[models.Model]) -> list[str]:
    """Where the admin edits a model it does not register: inline, on its owner's page."""
    pages = [
        f"admin: inline {_dotted(inline)} on {_dotted(type(owner))}"
        for owner in admin.site._registry.values()
        for inline in owner.inlines
        if inline.model is model
    ]
    return pages or ["admin: not registered"]


def _named(function: Callable[..., Any]) -> str:
    """``module.function (file:line)``; a partial with its arguments."""
    if isinstance(function, functools.partial):
        arguments = ", ".join(repr(each) for each in function.args)
        return f"{_named(function.func)} with {arguments}"
    name = f"{function.__module__}.{function.__qualname__.replace('<locals>.', '')}"
    try:
        source = Path(inspect.getsourcefile(function) or "")
        line = inspect.getsourcelines(function)[1]
    except (OSError, TypeError):
        return name
    base = Path(settings.BASE_DIR)
    where = source.relative_to(base) if source.is_relative_to(base) else source.name
    return f"{name} ({where}:{line})"


def _dotted(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"
