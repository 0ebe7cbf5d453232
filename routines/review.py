"""A reviewer's sign-off: who may approve a version of a routine or of the safety screen, and the
record of it.

Approving names the exact version (``routines.versions.version``): publishing checks for an
approval of the content it publishes (``Approval.required_for``), so a change after the
approval needs a new one. An editor does not approve her own change (the last saved version,
as history records who saved it) unless ``REVIEW_SELF_APPROVAL`` allows it.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from reversion.models import Version

from routines.models import Approval, Routine, SafetyScreen
from routines.permissions import REVIEW_PERMISSION
from routines.versions import screen_version, version


def may_review(user: Any) -> bool:
    return bool(user.has_perm(f"routines.{REVIEW_PERMISSION}"))


def last_changed_by(item: Routine | SafetyScreen) -> Any:
    """Who saved the item's latest version, as history records it (None when a script
    saved it outside any revision)."""
    latest = Version.objects.get_for_object(item).select_related("revision__user").first()
    return latest.revision.user if latest is not None else None


def usual_role(user: Any) -> str:
    """The role the reviewer gave with her last approval, to offer again."""
    last = Approval.objects.filter(reviewer=user).first()
    return last.reviewer_role if last is not None else ""


def approve(item: Routine | SafetyScreen, user: Any, role: str, comment: str = "") -> Approval:
    """Record ``user``'s approval of a routine (or the safety screen, or a draft of changes to
    either) as it is now; raises PermissionDenied for someone who may not review,
    ValidationError for her own change or without a role."""
    if not may_review(user):
        raise PermissionDenied
    role = role.strip()
    if not role:
        raise ValidationError(
            gettext("Say what you are (podiatrist, nurse …): readers are told who checked it.")
        )
    if last_changed_by(item) == user and not settings.REVIEW_SELF_APPROVAL:
        raise ValidationError(
            gettext("You made the last change to this version: another reviewer approves it.")
        )
    if isinstance(item, SafetyScreen):
        subject, approved = None, screen_version(item)
    else:
        subject, approved = item.reviewed_as_id, version(item)
    return Approval.objects.create(
        routine_id=subject,
        version=approved,
        reviewer=user,
        reviewer_name=user.get_full_name() or user.get_username(),
        reviewer_role=role,
        comment=comment.strip(),
    )


def latest_approval(routine: Routine) -> Approval | None:
    """The latest approval of any version of ``routine`` (or of the routine a draft changes)."""
    return Approval.objects.filter(routine_id=routine.reviewed_as_id).first()


def latest_screen_approval() -> Approval | None:
    """The latest approval of any version of the safety screen."""
    return Approval.objects.filter(routine=None).first()
