"""Stable identity: every public item has an id (a UUID) that no rename changes.

A slug is for people and URLs, and editors may change it; an app keeps favourites and progress
by id. Items of the shipped content pack get ids derived from their natural keys (``pack_id``),
so every installation calls the same zone by the same id; items editors add get random ones.
"""

import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from footcare.models import FormerSlug

# Fixed forever: changing it would change the id of every pack item on every installation.
PACK_NAMESPACE = uuid.UUID("0b6f2a4e-8c3d-5f71-9e2a-4d1c7b3f5a60")


def pack_id(label: str, natural_key: str) -> uuid.UUID:
    """The id of a pack item: ``label`` is the model's (``zones.zone``), the key its slug."""
    return uuid.uuid5(PACK_NAMESPACE, f"{label}:{natural_key}")


def natural_key(key: dict[str, Any]) -> str:
    """A pack item's key as text: ``liver``; for a part, its owner's id and its place."""
    return "/".join(str(getattr(value, "uuid", value)) for value in key.values())


# How an id is written: 8-4-4-4-12 hexadecimal digits, either case. Anything else a client
# sends to name an item is a slug.
ID_FORM = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def as_id(name: str) -> uuid.UUID | None:
    """``name`` as an id when it is written as one, else None (it is a slug)."""
    return uuid.UUID(name) if ID_FORM.fullmatch(name) else None


def _former(model: type[models.Model], slugs: Iterable[str]) -> QuerySet[Any]:
    """The ids of the items that had one of ``slugs`` before a rename, unless an item of
    ``model`` has that slug now (a slug an editor gave to another item is that item's)."""
    slugs = list(slugs)
    taken = model._default_manager.filter(slug__in=slugs).values("slug")
    return (
        FormerSlug.objects.filter(model=model._meta.label_lower, slug__in=slugs)
        .exclude(slug__in=taken)
        .values("uuid")
    )


def named(model: type[models.Model], name: str) -> QuerySet[Any]:
    """The item of ``model`` a client names by ``name``: its id, its slug, or a slug it had
    before a rename. Empty if it names none; one query, as a subquery of the caller's."""
    rows = model._default_manager.all()
    item_id = as_id(name)
    if item_id is not None:
        return rows.filter(uuid=item_id)
    return rows.filter(Q(slug=name) | Q(uuid__in=_former(model, [name])))


def renamed_to(rows: QuerySet[Any], former: str) -> str | None:
    """The slug now, among ``rows``, of the item that had ``former`` before a rename (the
    detail endpoints' 301); None when none did."""
    slug: str | None = (
        rows.filter(uuid__in=_former(rows.model, [former])).values_list("slug", flat=True).first()
    )
    return slug if slug != former else None


def current_slugs(model: type[models.Model], names: Iterable[str]) -> set[str]:
    """The current slugs of the items of ``model`` that ``names`` name (ids, slugs, former
    slugs), in one query; a name that names nothing adds nothing."""
    names = list(names)
    ids = [item_id for item_id in map(as_id, names) if item_id is not None]
    slugs = [name for name in names if as_id(name) is None]
    found = model._default_manager.filter(
        Q(uuid__in=ids) | Q(slug__in=slugs) | Q(uuid__in=_former(model, slugs))
    )
    return set(found.values_list("slug", flat=True))


class Identified(models.Model):
    """A public item with an id that never changes (served as ``id``)."""

    uuid = models.UUIDField(
        _("id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Never changes, whatever the slug: apps keep favourites by it."),
    )

    class Meta:
        abstract = True


def remember_former_slug(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    """pre_save: when an item's slug changes, remember the old one (old links keep working)."""
    if instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        FormerSlug.objects.update_or_create(
            model=sender._meta.label_lower, slug=old, defaults={"uuid": instance.uuid}
        )


def remember_former_slugs(before: list[Any], after: list[Any]) -> None:
    """After a bulk ``update()`` (which sends no ``pre_save``): remember the slugs it changed."""
    old = {row.pk: getattr(row, "slug", None) for row in before if isinstance(row, Identified)}
    for row in after:
        if old.get(row.pk) and old[row.pk] != row.slug:
            FormerSlug.objects.update_or_create(
                model=row._meta.label_lower, slug=old[row.pk], defaults={"uuid": row.uuid}
            )


def follow_renames() -> None:
    """Connect ``remember_former_slug`` to every model with an id and a slug."""
    for model in apps.get_models():
        if issubclass(model, Identified) and any(f.name == "slug" for f in model._meta.fields):
            pre_save.connect(remember_former_slug, sender=model, dispatch_uid=f"slug:{model}")
