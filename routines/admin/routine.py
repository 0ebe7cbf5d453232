"""The routine editor: a routine with its steps in one page, its preview, publish and withdraw."""

from typing import Any

from adminsortable2.admin import SortableAdminBase
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from footcare.admin.base import HistoryAdmin, ItemPageMixin, TranslatedAdmin, UnicodeSearchMixin
from footcare.admin.pictures import PictureAdminMixin, PictureUploadForm
from footcare.content.guards import UnsafeChange
from footcare.content.translations import translated_columns
from routines import preview_links, review, schedules
from routines.admin.preview import routine_preview
from routines.admin.review_bar import approve_as_asked, review_bar
from routines.admin.steps import StepInline
from routines.drafts import current_draft, differences, discard_draft, publish_draft, start_draft
from routines.models import Approval, PreviewLink, Routine


def minutes(seconds: int) -> str:
    return gettext("%(minutes)d min %(seconds)02d s") % {
        "minutes": seconds // 60,
        "seconds": seconds % 60,
    }


class RoutineForm(PictureUploadForm):
    class Meta:
        model = Routine
        exclude = ["picture"]


@admin.register(Routine)
class RoutineAdmin(
    SortableAdminBase,
    PictureAdminMixin,
    ItemPageMixin,
    HistoryAdmin,
    UnicodeSearchMixin,
    TranslatedAdmin,
):
    inlines = [StepInline]
    list_display = [
        "title",
        "publication_state",
        "difficulty",
        "total_time",
        "steps_in_it",
        "published_at",
        "updated_at",
    ]
    list_filter = ["status", "difficulty", "performer", "audiences", "tools", "benefits"]
    search_fields = ["slug", *translated_columns("title", "summary")]
    autocomplete_fields = ["benefits", "audiences", "contraindications", "tools"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["current_picture"]
    actions = ["publish", "withdraw", "duplicate"]
    form = RoutineForm
    # The editor: the step table across the whole width, the publication bar on top, the
    # Publish / Withdraw / Duplicate buttons beside Save, and the preview of the app's player.
    change_form_template = "admin/routines/routine/change_form.html"

    # Introductions and notes run to a few lines; ten-line boxes made the page long.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}

    class Media:
        js = ["routines/admin/routine_editor.js"]

    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "introduction", "difficulty"]}),
        (
            _("Picture"),
            {"classes": ["collapse"], "fields": ["current_picture", "picture_file", "image_alt"]},
        ),
        (_("Who and why"), {"fields": ["performer", "audiences", "tools", "benefits"]}),
        (_("Safety"), {"fields": ["not_for", "contraindications", "safety_notes"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Routine]:
        # The status column names a draft's routine and a routine's draft: joined, not a query
        # per row.
        routines = super().get_queryset(request).select_related("draft_of", "draft")
        return routines.with_totals()  # type: ignore[attr-defined]

    @admin.display(description=_("total time"), ordering="total_duration_seconds")
    def total_time(self, routine: Routine) -> str:
        return minutes(routine.total_duration()) if routine.pk else "-"

    @admin.display(description=_("steps"), ordering="step_count")
    def steps_in_it(self, routine: Routine) -> int:
        return routine.step_count  # type: ignore[attr-defined]

    @admin.display(description=_("status"), ordering="status")
    def publication_state(self, routine: Routine) -> str:
        if routine.draft_of_id:
            return gettext("Draft of changes to “%(title)s”") % {"title": routine.draft_of}
        if routine.is_published and hasattr(routine, "draft"):
            return gettext("Published, with a draft of changes")
        return routine.get_status_display()

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("routines.publish_routine")

    def has_change_permission(self, request: HttpRequest, obj: Routine | None = None) -> bool:
        """With the editorial workflow on, a published routine is read-only: its changes go
        through a draft (``Edit in a draft``), published over it in one go."""
        if obj is not None and obj.is_published and settings.LIVE_EDITS_THROUGH_DRAFTS:
            return False
        return super().has_change_permission(request, obj)

    def get_urls(self) -> list[Any]:
        draft = self.admin_site.admin_view(require_POST(self.draft_view))
        approve = self.admin_site.admin_view(require_POST(self.approve_view))
        preview_link = self.admin_site.admin_view(require_POST(self.preview_link_view))
        schedule = self.admin_site.admin_view(require_POST(self.schedule_view))
        return [
            path("<int:object_id>/schedule/", schedule, name="routines_routine_schedule"),
            path(
                "<int:object_id>/preview-link/",
                preview_link,
                name="routines_routine_preview_link",
            ),
            path("<int:object_id>/draft/", draft, name="routines_routine_draft"),
            path("<int:object_id>/approve/", approve, name="routines_routine_approve"),
            *super().get_urls(),
        ]

    def approve_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """A reviewer approves the routine (or draft of changes) as it is now saved."""
        routine = get_object_or_404(Routine, pk=object_id)
        back = HttpResponseRedirect(reverse("admin:routines_routine_change", args=[object_id]))
        done = gettext("You approved this version of “%(title)s”.") % {"title": routine}
        approve_as_asked(self, request, routine, done)
        return back

    def preview_link_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """Make a preview link for a routine readers do not have yet, or revoke one."""
        if not super().has_change_permission(request):
            raise PermissionDenied
        routine = get_object_or_404(Routine, pk=object_id)
        back = HttpResponseRedirect(reverse("admin:routines_routine_change", args=[object_id]))
        revoked = request.POST.get("revoke_link", "")
        if revoked:
            link = get_object_or_404(
                PreviewLink, pk=revoked if revoked.isdigit() else 0, routine=routine
            )
            preview_links.revoke(link)
            self.log_change(request, routine, gettext("Revoked a preview link"))
            self.message_user(
                request, gettext("The preview link no longer works."), messages.SUCCESS
            )
            return back
        if routine.is_published:
            self.message_user(
                request,
                gettext("Readers have this routine already: preview its draft of changes."),
                messages.ERROR,
            )
            return back
        link = preview_links.issue(routine, request.user)
        self.log_change(request, routine, gettext("Made a preview link"))
        self.message_user(
            request,
            gettext("A preview link, valid until %(when)s, is below the status.")
            % {"when": formats.localize(timezone.localtime(link.expires_at))},
            messages.SUCCESS,
        )
        return back

    def schedule_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """Set or clear when the routine goes live (a draft) or out (a published routine)."""
        if not self.has_publish_permission(request):
            raise PermissionDenied
        routine = get_object_or_404(Routine, pk=object_id)
        back = HttpResponseRedirect(reverse("admin:routines_routine_change", args=[object_id]))
        when = None
        if "_schedule" in request.POST:
            try:
                when = parse_datetime(request.POST.get("scheduled_time", "").strip()[:40])
            except ValueError:  # well formed, but no such day or hour
                when = None
            if when is None:
                self.message_user(
                    request, gettext("Give a date and time, e.g. 2027-01-31 09:00."), messages.ERROR
                )
                return back
            if timezone.is_naive(when):
                when = timezone.make_aware(when)
        try:
            schedules.schedule(
                routine,
                request.user,
                publish_at=None if routine.is_published else when,
                withdraw_at=when if routine.is_published else None,
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return back
        if when is None:
            self.log_change(request, routine, gettext("Cancelled the schedule"))
            self.message_user(request, gettext("Nothing is scheduled now."), messages.SUCCESS)
            return back
        shown = formats.localize(timezone.localtime(when))
        done = (
            gettext("Scheduled to be withdrawn at %(when)s")
            if routine.is_published
            else gettext("Scheduled to be published at %(when)s")
        ) % {"when": shown}
        self.log_change(request, routine, done)
        self.message_user(request, done, messages.SUCCESS)
        return back

    def preview_link_addresses(
        self, request: HttpRequest, routine: Routine
    ) -> list[dict[str, Any]]:
        """The usable preview links of a routine, with the address a device opens."""
        origin = settings.PUBLIC_ORIGIN or request.build_absolute_uri("/").rstrip("/")
        return [
            {
                "link": link,
                "address": origin
                + reverse("v1:preview", kwargs={"token": preview_links.token(link)}),
            }
            for link in routine.preview_links.filter(revoked_at=None, expires_at__gt=timezone.now())
        ]

    def draft_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """Open the draft of changes to a published routine, starting it if there is none."""
        if not super().has_change_permission(request):
            raise PermissionDenied
        routine = get_object_or_404(Routine, pk=object_id)
        try:
            draft = start_draft(routine)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:routines_routine_change", args=[object_id]))
        return HttpResponseRedirect(reverse("admin:routines_routine_change", args=[draft.pk]))

    def saved_item_context(self, request: HttpRequest, obj: Routine) -> dict[str, Any]:
        preview = routine_preview(obj)
        return {
            "preview": preview,
            "publication": self.publication(request, obj, preview["steps"]),
            # One row of buttons: Save, Save and continue, and the routine's own.
            "show_save_and_add_another": False,
        }

    def publication(
        self, request: HttpRequest, routine: Routine, played: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """What the publication bar and buttons show of a saved routine; ``played`` is its
        preview's steps, whose timeline already holds the count and the total time."""
        draft = current_draft(routine) if routine.is_published else None
        return {
            "status": routine.status,
            "status_label": self.publication_state(routine),
            "published_at": routine.published_at,
            "step_count": len(played),
            "total_time": minutes(played[-1]["ends"] if played else 0),
            # A published routine has none: saving it with one withdraws it (save_related).
            "problems": [] if routine.is_published else routine.publish_problems(),
            "can_publish": self.has_publish_permission(request),
            "can_duplicate": self.has_add_permission(request) and not routine.draft_of_id,
            "can_save": self.has_change_permission(request, routine),
            # A draft of changes: its published routine and what publishing it would change.
            "draft_of": routine.draft_of,
            "differences": differences(routine) if routine.draft_of_id else [],
            # A published routine: its draft of changes, and who may start or open one.
            "draft": draft,
            # With the workflow off, editors change a published routine on its own page; a
            # draft started while it was on stays reachable.
            "can_draft": routine.is_published
            and super().has_change_permission(request)
            and (settings.LIVE_EDITS_THROUGH_DRAFTS or draft is not None),
            # Readers do not have it yet: a device may preview it through a link.
            "can_preview": not routine.is_published and super().has_change_permission(request),
            "preview_links": []
            if routine.is_published
            else self.preview_link_addresses(request, routine),
            # When the schedule worker publishes or withdraws it (routines.schedules).
            "scheduled_time": routine.withdraw_at if routine.is_published else routine.publish_at,
            "can_schedule": self.has_publish_permission(request),
        } | self.review_state(request, routine)

    def review_state(self, request: HttpRequest, routine: Routine) -> dict[str, Any]:
        """What the publication bar says of the reviewer's sign-off, and the approve form."""
        current = routine.approval if routine.is_published else Approval.of(routine)
        required = settings.REVIEW_REQUIRED and not routine.is_published
        return review_bar(request, current, review.latest_approval(routine), required=required)

    def response_change(self, request: HttpRequest, obj: Routine) -> HttpResponse:
        """The routine's own buttons: the form is saved by now; act on the saved routine."""
        stay = HttpResponseRedirect(request.path)
        live = obj.draft_of
        if live is not None and ("_publish" in request.POST or "_discard" in request.POST):
            return self.settle_draft(request, obj, live)
        if "_publish" in request.POST or "_withdraw" in request.POST:
            if not self.has_publish_permission(request):
                self.message_user(
                    request,
                    gettext("Saved, but you may not publish or withdraw routines."),
                    messages.ERROR,
                )
            elif "_publish" in request.POST:
                if self.publish_one(request, obj):
                    self.message_user(
                        request,
                        gettext("“%(title)s” is published; the apps show it now.") % {"title": obj},
                        messages.SUCCESS,
                    )
            else:
                self.withdraw_one(request, obj)
                self.message_user(
                    request,
                    gettext("“%(title)s” is a draft again; the apps no longer show it.")
                    % {"title": obj},
                    messages.SUCCESS,
                )
            return stay
        if "_duplicate" in request.POST:
            if not self.has_add_permission(request):
                self.message_user(
                    request, gettext("Saved, but you may not add routines."), messages.ERROR
                )
                return stay
            copy = obj.duplicate()
            self.message_user(
                request,
                gettext("Saved. This is the draft copy “%(slug)s”; the original is unchanged.")
                % {"slug": copy.slug},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:routines_routine_change", args=[copy.pk]))
        return super().response_change(request, obj)

    def settle_draft(self, request: HttpRequest, draft: Routine, live: Routine) -> HttpResponse:
        """Publish a draft of changes over its routine, or discard it; either way the editor
        goes back to the published routine, as readers now have it."""
        back = HttpResponseRedirect(reverse("admin:routines_routine_change", args=[live.pk]))
        if not self.has_publish_permission(request):
            self.message_user(
                request,
                gettext("Saved, but you may not publish or discard changes to routines."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        if "_discard" in request.POST:
            discard_draft(draft)
            self.log_change(request, live, gettext("Discarded a draft of changes"))
            self.message_user(
                request,
                gettext("The draft was discarded; “%(title)s” is as readers have it.")
                % {"title": live},
                messages.SUCCESS,
            )
            return back
        if not self.publish_one(request, draft):
            return HttpResponseRedirect(request.path)
        self.message_user(
            request,
            gettext("The changes to “%(title)s” are published; the apps show them now.")
            % {"title": live},
            messages.SUCCESS,
        )
        return back

    def publish_one(self, request: HttpRequest, routine: Routine) -> bool:
        """Publish (a draft of changes: over its routine), or say in the editor's words what
        stands in the way."""
        try:
            if routine.draft_of_id:
                live = publish_draft(routine)
                self.log_change(request, live, gettext("Published a draft of changes"))
            else:
                routine.publish()
                self.log_change(request, routine, gettext("Published"))
        except ValidationError as error:
            self.message_user(
                request,
                gettext("“%(title)s” was not published: %(problems)s")
                % {"title": routine, "problems": " ".join(error.messages)},
                messages.ERROR,
            )
            return False
        return True

    def withdraw_one(self, request: HttpRequest, routine: Routine, why: str = "") -> None:
        """Withdraw, and say who did in the admin's log of changes (the dashboard's)."""
        if routine.is_published:
            routine.withdraw()
            withdrawn = gettext("Withdrawn")
            self.log_change(request, routine, f"{withdrawn}: {why}" if why else withdrawn)

    @admin.action(description=_("Publish selected routines"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Routine]) -> None:
        published = sum(self.publish_one(request, routine) for routine in queryset)
        if published:
            self.message_user(
                request,
                ngettext("Published %d routine.", "Published %d routines.", published) % published,
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Withdraw selected routines (back to draft)"), permissions=["publish"]
    )
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Routine]) -> None:
        for routine in queryset:
            self.withdraw_one(request, routine)
        self.message_user(request, _("Withdrawn; the routines are drafts again."), messages.SUCCESS)

    @admin.action(description=_("Duplicate selected routines as drafts"), permissions=["add"])
    def duplicate(self, request: HttpRequest, queryset: QuerySet[Routine]) -> None:
        copies = [routine.duplicate() for routine in queryset]
        self.message_user(
            request,
            _("Created drafts: %s.") % ", ".join(copy.slug for copy in copies),
            messages.SUCCESS,
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        routine: Routine = form.instance
        routine.renumber_steps()
        routine.forget_stale_approval()
        if routine.is_published and (problems := routine.publish_problems()):
            if not self.has_publish_permission(request):
                # Withdrawing is publishing's other half: not even as a side effect (a
                # restore of an older version, an edit) for someone who may not.
                raise UnsafeChange(
                    gettext(
                        "“%(title)s” could no longer stay published, and you may not "
                        "withdraw routines: %(problems)s"
                    )
                    % {"title": routine, "problems": " ".join(problems)}
                )
            self.withdraw_one(request, routine, why=" ".join(problems))
            self.message_user(
                request,
                gettext("“%(title)s” was withdrawn and is a draft again: %(problems)s")
                % {"title": routine, "problems": " ".join(problems)},
                messages.WARNING,
            )
