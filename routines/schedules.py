"""Scheduled publishing: a routine (or a draft of changes) published at a set time, a published
routine withdrawn at one.

An editor sets the time in the routine's page (``schedule``); the worker that already watches
the content (``publish_static --watch``), or ``manage.py apply_schedules``, applies what is due
(``apply_due``) through the same paths as the admin's buttons, so the same rules hold: a
routine is published only if it may be (its safety rules, a reviewer's approval of that
version while review is required). One that may not is left unpublished, its schedule dropped,
and the admin's history of it says why, under the name of who scheduled it.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from routines.drafts import publish_draft
from routines.models import Routine


@dataclass(frozen=True)
class Applied:
    """What the worker did with one scheduled routine, in one line for its log."""

    routine: str
    done: bool
    what: str

    def __str__(self) -> str:
        return f"{self.routine}: {self.what}"


def schedule(
    routine: Routine, who: Any, *, publish_at: datetime | None, withdraw_at: datetime | None
) -> None:
    """Set (or, with None, clear) when ``routine`` goes live and out; raises ValidationError
    for a time already past or one the routine's state makes meaningless."""
    now = timezone.now()
    for when in (publish_at, withdraw_at):
        if when is not None and when <= now:
            raise ValidationError(gettext("Choose a time in the future."))
    if publish_at is not None and routine.is_published:
        raise ValidationError(
            gettext("Readers have this routine already: schedule its draft of changes.")
        )
    if withdraw_at is not None and routine.draft_of_id:
        raise ValidationError(
            gettext("A draft of changes is not withdrawn: schedule it on the published routine.")
        )
    if publish_at and withdraw_at and withdraw_at <= publish_at:
        raise ValidationError(gettext("It must be withdrawn after it is published."))
    routine.publish_at, routine.withdraw_at = publish_at, withdraw_at
    routine.scheduled_by = who if getattr(who, "pk", None) else None
    routine.save(update_fields=["publish_at", "withdraw_at", "scheduled_by", "updated_at"])


def _record(routine: Routine, message: str) -> None:
    """The admin's history of the routine says what the schedule did, as if its author had."""
    if routine.scheduled_by_id is None:
        return
    LogEntry.objects.log_actions(
        user_id=routine.scheduled_by_id,
        queryset=[routine],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


def _publish(routine: Routine) -> Applied:
    try:
        with transaction.atomic():
            if routine.draft_of_id:
                live = publish_draft(routine)  # deletes the draft, schedule and all
            else:
                live = routine
                routine.publish()
                routine.publish_at = None
                routine.save(update_fields=["publish_at", "updated_at"])
            _record(live, gettext("Published as scheduled"))
        return Applied(live.slug, True, "published as scheduled")
    except ValidationError as error:
        reasons = " ".join(error.messages)
        Routine.objects.filter(pk=routine.pk).update(publish_at=None)
        _record(routine, gettext("Not published as scheduled: %s") % reasons)
        return Applied(routine.slug, False, f"not published as scheduled: {reasons}")


def _withdraw(routine: Routine) -> Applied:
    with transaction.atomic():
        routine.withdraw()
        routine.withdraw_at = None
        routine.save(update_fields=["withdraw_at", "updated_at"])
        _record(routine, gettext("Withdrawn as scheduled"))
    return Applied(routine.slug, True, "withdrawn as scheduled")


def apply_due(now: datetime | None = None) -> list[Applied]:
    """Publish and withdraw every routine whose time has come, the earliest first.

    Each in a transaction of its own, on a fresh read under the routine's lock: two workers
    that look at once (two servers, each with its watcher) do it once; the second finds the
    schedule gone."""
    now = now or timezone.now()
    applied = []
    due = Routine.objects.filter(publish_at__lte=now).order_by("publish_at", "pk")
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            routine = Routine.objects.select_for_update().filter(pk=pk, publish_at__lte=now).first()
            if routine is not None:
                applied.append(_publish(routine))
    due = Routine.objects.filter(withdraw_at__lte=now).order_by("withdraw_at", "pk")
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            routine = (
                Routine.objects.select_for_update().filter(pk=pk, withdraw_at__lte=now).first()
            )
            if routine is not None:
                applied.append(_withdraw(routine))
    return applied
