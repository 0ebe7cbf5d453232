"""The safety screen's page: readers keep the texts they have while editors change a draft of
them, which a reviewer approves and an editor publishes over them in one go (routines.drafts).
"""

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from footcare.admin.base import HistoryAdmin, ItemPageMixin, TranslatedAdmin
from routines import review
from routines.admin.review_bar import approve_as_asked, review_bar
from routines.drafts import (
    discard_screen_draft,
    publish_screen_draft,
    screen_differences,
    screen_draft,
    start_screen_draft,
)
from routines.models import Approval, SafetyScreen


def page(screen: SafetyScreen | None = None) -> HttpResponseRedirect:
    pk = screen.pk if screen is not None else SafetyScreen.LIVE
    return HttpResponseRedirect(reverse("admin:routines_safetyscreen_change", args=[pk]))


@admin.register(SafetyScreen)
class SafetyScreenAdmin(ItemPageMixin, HistoryAdmin, TranslatedAdmin):
    """The one safety screen and its draft of changes; nobody adds a second or deletes it."""

    list_display = ["__str__", "updated_at"]
    readonly_fields = ["updated_at"]
    change_form_template = "admin/routines/safetyscreen/change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        live = SafetyScreen.objects.filter(pk=SafetyScreen.LIVE)
        return super().has_add_permission(request) and not live.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a draft is discarded with its button, the screen stays

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """With the editorial workflow on, the screen readers have is read-only: its changes
        go through the draft."""
        if obj is not None and not obj.is_draft and settings.LIVE_EDITS_THROUGH_DRAFTS:
            return False
        return super().has_change_permission(request, obj)

    def may_publish(self, request: HttpRequest) -> bool:
        return request.user.has_perm("routines.publish_routine")

    def get_urls(self) -> list[Any]:
        def posted(view: Any) -> Any:
            return self.admin_site.admin_view(require_POST(view))

        return [
            path("draft/", posted(self.draft_view), name="routines_safetyscreen_draft"),
            path("approve/", posted(self.approve_view), name="routines_safetyscreen_approve"),
            *super().get_urls(),
        ]

    def draft_view(self, request: HttpRequest) -> HttpResponse:
        """Open the draft of changes, starting it from the screen readers have."""
        if not super().has_change_permission(request):
            raise PermissionDenied
        try:
            draft = start_screen_draft()
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return page()
        return page(draft)

    def approve_view(self, request: HttpRequest) -> HttpResponse:
        """A reviewer approves the draft (or, with none, the screen) as it is now saved."""
        screen = screen_draft() or SafetyScreen.objects.filter(pk=SafetyScreen.LIVE).first()
        if screen is None:
            return page()
        approve_as_asked(self, request, screen, gettext("You approved this version."))
        return page(screen)

    def response_change(self, request: HttpRequest, obj: SafetyScreen) -> HttpResponse:
        """The draft's own buttons, on the draft as just saved."""
        if obj.is_draft and ("_publish" in request.POST or "_discard" in request.POST):
            if not self.may_publish(request):
                self.message_user(
                    request,
                    gettext("Saved, but you may not publish or discard changes."),
                    messages.ERROR,
                )
                return page(obj)
            if "_discard" in request.POST:
                discard_screen_draft()
                live = SafetyScreen.objects.get(pk=SafetyScreen.LIVE)
                self.log_change(request, live, gettext("Discarded a draft of changes"))
                self.message_user(request, gettext("The draft was discarded."), messages.SUCCESS)
                return page()
            try:
                live = publish_screen_draft()
            except ValidationError as error:
                self.message_user(
                    request,
                    gettext("Not published: %s") % " ".join(error.messages),
                    messages.ERROR,
                )
                return page(obj)
            self.log_change(request, live, gettext("Published a draft of changes"))
            self.message_user(
                request,
                gettext("The changes are published; the apps show them now."),
                messages.SUCCESS,
            )
            return page()
        return super().response_change(request, obj)

    def saved_item_context(self, request: HttpRequest, obj: SafetyScreen) -> dict[str, Any]:
        return {"workflow": self.workflow(request, obj)}

    def workflow(self, request: HttpRequest, screen: SafetyScreen) -> dict[str, Any]:
        """What the bar on top says: the draft and what it changes, who approved what."""
        current = screen.approval if not screen.is_draft else Approval.of_screen(screen)
        draft = None if screen.is_draft else screen_draft()
        return {
            "is_draft": screen.is_draft,
            "draft": draft,
            "differences": screen_differences(screen) if screen.is_draft else [],
            "can_draft": not screen.is_draft
            and super().has_change_permission(request)
            and (settings.LIVE_EDITS_THROUGH_DRAFTS or draft is not None),
            "can_publish": screen.is_draft and self.may_publish(request),
        } | review_bar(
            request,
            current,
            review.latest_screen_approval(),
            required=settings.REVIEW_REQUIRED and screen.is_draft,
        )
