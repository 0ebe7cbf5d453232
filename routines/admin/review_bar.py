"""What the admin's bar on top says of a reviewer's sign-off, for a routine's page and the safety
screen's (the template ``admin/routines/review_state.html``)."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext

from routines import review
from routines.models import Approval, Routine, SafetyScreen


def review_bar(
    request: HttpRequest, current: Approval | None, latest: Approval | None, *, required: bool
) -> dict[str, Any]:
    """``current``: the approval of the version on the page; ``latest``: the last approval of
    any version of it; ``required``: whether publishing it waits for an approval."""
    can_review = review.may_review(request.user)
    return {
        "approval": current,
        # An older version was approved, not this one.
        "approved_before": latest if current is None and latest is not None else None,
        "review_missing": required and current is None,
        "can_review": can_review and current is None,
        "review_role": review.usual_role(request.user) if can_review else "",
    }


def approve_as_asked(
    model_admin: admin.ModelAdmin, request: HttpRequest, item: Routine | SafetyScreen, done: str
) -> None:
    """The bar's Approve button: ``item`` approved as now saved, with the role and comment the
    reviewer gave, in its history; ``done`` tells her so, or a message says why not."""
    try:
        approval = review.approve(
            item,
            request.user,
            request.POST.get("review_role", ""),
            request.POST.get("review_comment", ""),
        )
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return
    model_admin.log_change(request, item, gettext("Approved for readers: %s") % approval)
    model_admin.message_user(request, done, messages.SUCCESS)
