"""Drafts of changes to a published routine, or to the safety screen: edit it, steps included,
without readers seeing half-done work.

A draft is a routine row of its own (``Routine.draft_of``), a draft in status, so the API,
the syncs, the journal and the published tree never see it; each of its steps remembers the
published step it edits (``Step.original``). Publishing the draft writes its fields, links and
steps over the published routine in one transaction, keeping the routine's id, slug and
address and the ids of the steps it kept, then drops the draft: readers get the whole change
at once, judged by the same guards as any save of a published routine. Discarding drops it.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field, Model
from django.utils.translation import gettext

from routines.models import Approval, Routine, SafetyScreen, Step
from routines.versions import (
    ROUTINE_IDENTITY,
    ROUTINE_LINKS,
    SCREEN_IDENTITY,
    STEP_IDENTITY,
    content_fields,
    edited_fields,
)


def _copy_fields(source: Model, target: Model, identity: set[str]) -> None:
    for field in content_fields(type(source), identity):
        setattr(target, field.attname, getattr(source, field.attname))


def current_draft(routine: Routine) -> Routine | None:
    """The draft of changes to ``routine``, if an editor has started one."""
    return Routine.objects.filter(draft_of=routine).first()


def _free_slug(base: str) -> str:
    slug, number = f"{base}-draft", 1
    while Routine.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-draft-{number}"
    return slug


def start_draft(live: Routine) -> Routine:
    """The draft of changes to a published routine: the one already started, or a new copy of
    it with its steps. Only a published routine has one; a draft is edited as it is."""
    if not live.is_published:
        raise ValidationError(
            gettext("“%(title)s” is not published: edit it as it is.") % {"title": live}
        )
    with transaction.atomic():
        live = Routine.objects.select_for_update().get(pk=live.pk)
        existing = current_draft(live)
        if existing is not None:
            return existing
        draft = Routine(uuid=uuid.uuid4(), slug=_free_slug(live.slug), draft_of=live)
        _copy_fields(live, draft, ROUTINE_IDENTITY)
        draft.save()
        for name in ROUTINE_LINKS:
            getattr(draft, name).set(getattr(live, name).all())
        for step in live.steps.prefetch_related("zones").order_by("position", "pk"):
            copy = Step(uuid=uuid.uuid4(), routine=draft, original=step)
            _copy_fields(step, copy, STEP_IDENTITY)
            copy.save()
            copy.zones.set(step.zones.all())
        return draft


def publish_draft(draft: Routine) -> Routine:
    """Write the draft over its published routine in one transaction and drop the draft;
    the published routine, changed. Raises ValidationError, changing nothing, when the
    changed routine could not stay published (the reasons ``publish_problems`` gives)."""
    if draft.draft_of_id is None:
        raise ValidationError(gettext("This routine is not a draft of changes."))
    with transaction.atomic():
        live = Routine.objects.select_for_update().get(pk=draft.draft_of_id)
        # Read again under the routine's lock: another editor may have published or
        # discarded this draft since it was read, and its steps would be gone.
        current = Routine.objects.filter(pk=draft.pk, draft_of=live).first()
        if current is None:
            raise ValidationError(
                gettext("This draft was already published or discarded; nothing changed.")
            )
        draft = current
        approval = Approval.required_for(draft)
        _copy_fields(draft, live, ROUTINE_IDENTITY)
        live.approval = approval
        live.save()
        for name in ROUTINE_LINKS:
            getattr(live, name).set(getattr(draft, name).all())
        kept = {step.pk: step for step in live.steps.all()}
        written = set()
        for edited in draft.steps.prefetch_related("zones").order_by("position", "pk"):
            original = kept.get(edited.original_id) if edited.original_id else None
            step = original or Step(uuid=uuid.uuid4(), routine=live)
            _copy_fields(edited, step, STEP_IDENTITY)
            step.save()
            step.zones.set(edited.zones.all())
            written.add(step.pk)
        live.steps.exclude(pk__in=written).delete()
        live.renumber_steps()
        problems = live.publish_problems()
        if problems:
            raise ValidationError(problems)
        draft.delete()
    return live


def discard_draft(draft: Routine) -> None:
    """Drop a draft of changes; its published routine stays as readers have it."""
    if draft.draft_of_id is None:
        raise ValidationError(gettext("This routine is not a draft of changes."))
    draft.delete()


@dataclass(frozen=True)
class Difference:
    """One thing a draft changes: where (a field, a link, a step), before and after."""

    where: str
    before: str
    after: str


def _shown(item: Model, field: "Field[Any, Any]") -> str:
    """A field's value as the editor sees it: a choice's label, a linked item's name."""
    if field.choices:
        return str(getattr(item, f"get_{field.name}_display")())
    value = getattr(item, field.name)
    return "" if value is None else str(value)


def _field_differences(
    before: Model, after: Model, identity: set[str], prefix: str = ""
) -> list[Difference]:
    return [
        Difference(f"{prefix}{field.verbose_name}", _shown(before, field), _shown(after, field))
        for field in edited_fields(type(before), identity)
        if getattr(before, field.attname) != getattr(after, field.attname)
    ]


def differences(draft: Routine) -> list[Difference]:
    """What publishing ``draft`` would change in its published routine, field by field and
    step by step, in the order an editor reads the page."""
    live = draft.draft_of
    if live is None:
        return []
    found = _field_differences(live, draft, ROUTINE_IDENTITY)
    for name in ROUTINE_LINKS:
        heading = Routine._meta.get_field(name).verbose_name  # type: ignore[union-attr]
        was = sorted(str(item) for item in getattr(live, name).all())
        now = sorted(str(item) for item in getattr(draft, name).all())
        if was != now:
            found.append(Difference(str(heading), ", ".join(was), ", ".join(now)))
    originals = {step.pk: step for step in live.steps.prefetch_related("zones")}
    edited = list(draft.steps.prefetch_related("zones").order_by("position", "pk"))
    for step in edited:
        original = originals.get(step.original_id) if step.original_id else None
        label = gettext("Step %(position)s") % {"position": step.position}
        if original is None:
            found.append(Difference(label, "", gettext("added: %(title)s") % {"title": step}))
            continue
        found += _field_differences(original, step, STEP_IDENTITY, prefix=f"{label}: ")
        was_zones = sorted(str(zone) for zone in original.zones.all())
        now_zones = sorted(str(zone) for zone in step.zones.all())
        if was_zones != now_zones:
            found.append(
                Difference(
                    f"{label}: {Step._meta.get_field('zones').verbose_name}",
                    ", ".join(was_zones),
                    ", ".join(now_zones),
                )
            )
    kept = {step.original_id for step in edited}
    for pk, step in originals.items():
        if pk not in kept:
            found.append(
                Difference(
                    gettext("Step %(position)s") % {"position": step.position},
                    str(step),
                    gettext("removed"),
                )
            )
    return found


def screen_draft() -> SafetyScreen | None:
    """The draft of changes to the safety screen, if an editor has started one."""
    return SafetyScreen.objects.filter(pk=SafetyScreen.DRAFT).first()


def start_screen_draft() -> SafetyScreen:
    """The draft of changes to the safety screen: the one already started, or a copy of the
    screen readers have."""
    with transaction.atomic():
        live = SafetyScreen.objects.select_for_update().filter(pk=SafetyScreen.LIVE).first()
        if live is None:
            raise ValidationError(gettext("Write the safety screen first; it has no readers yet."))
        existing = screen_draft()
        if existing is not None:
            return existing
        draft = SafetyScreen(is_draft=True)
        _copy_fields(live, draft, SCREEN_IDENTITY)
        draft.save()
        return draft


def publish_screen_draft() -> SafetyScreen:
    """Write the draft over the safety screen readers have in one transaction, with the
    reviewer's approval of its texts (required while review is), and drop the draft."""
    with transaction.atomic():
        live = SafetyScreen.objects.select_for_update().get(pk=SafetyScreen.LIVE)
        draft = screen_draft()
        if draft is None:
            raise ValidationError(
                gettext("This draft was already published or discarded; nothing changed.")
            )
        approval = Approval.required_for(draft)
        _copy_fields(draft, live, SCREEN_IDENTITY)
        live.approval = approval
        live.save()
        draft.delete()
    return live


def discard_screen_draft() -> None:
    """Drop the draft of changes to the safety screen; readers keep the screen they have."""
    SafetyScreen.objects.filter(pk=SafetyScreen.DRAFT).delete()


def screen_differences(draft: SafetyScreen) -> list[Difference]:
    """What publishing the screen's draft would change, field by field."""
    live = SafetyScreen.objects.filter(pk=SafetyScreen.LIVE).first()
    return [] if live is None else _field_differences(live, draft, SCREEN_IDENTITY)
