from typing import Any

from adminsortable2.admin import SortableAdminBase, SortableAdminMixin, SortableInlineAdminMixin
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationStackedInline

from footcare.admin import HistoryAdmin, TranslatedAdmin, UnicodeSearchMixin
from footcare.admin_pictures import PictureAdminMixin, PictureUploadForm
from routines.models import (
    Audience,
    Benefit,
    Contraindication,
    PressureLevel,
    Routine,
    SafetyScreen,
    Step,
    Technique,
    Tool,
)


def minutes(seconds: int) -> str:
    return f"{seconds // 60} min {seconds % 60:02d} s"


STEP_FIELDS: list[str | list[str] | tuple[str, ...] | tuple[()]] = [
    "title",
    "instruction",
    "technique",
    "foot",
    "zones",
    "area",
    "pressure",
    "duration_seconds",
    "repetitions",
    "tip",
    "narration",
    "position",
]


class TechniqueForm(PictureUploadForm):
    picture_required = True

    class Meta:
        model = Technique
        exclude = ["picture"]


class RoutineForm(PictureUploadForm):
    class Meta:
        model = Routine
        exclude = ["picture"]


class StepForm(forms.ModelForm):
    """Checks the safety rules against the zones chosen in this very form."""

    class Meta:
        model = Step
        fields = STEP_FIELDS

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        zones = cleaned.get("zones")
        if zones is None or self.errors:
            return cleaned
        # The instance is updated from the form only after clean(); judge the new values.
        candidate = Step(
            title=cleaned.get("title") or "",
            position=self.instance.position,
            foot=cleaned["foot"],
            pressure=cleaned["pressure"],
            area=cleaned.get("area"),
        )
        try:
            candidate.check_safety(zones)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                self.add_error(field, problems)
        return cleaned


class StepInline(SortableInlineAdminMixin, TranslationStackedInline):
    model = Step
    form = StepForm
    extra = 0
    autocomplete_fields = ["technique", "zones", "area"]
    # Compact steps, so that several fit on a screen and dragging one past another is easy.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "instruction",
                    "technique",
                    ("foot", "pressure"),
                    ("area", "zones"),
                    ("duration_seconds", "repetitions"),
                    "position",
                ]
            },
        ),
        (_("Tip and narration"), {"classes": ["collapse"], "fields": ["tip", "narration"]}),
    ]


@admin.register(Routine)
class RoutineAdmin(
    SortableAdminBase, PictureAdminMixin, HistoryAdmin, UnicodeSearchMixin, TranslatedAdmin
):
    inlines = [StepInline]
    list_display = [
        "title",
        "status",
        "difficulty",
        "total_time",
        "steps_in_it",
        "published_at",
        "updated_at",
    ]
    list_filter = ["status", "difficulty", "performer", "audiences", "tools", "benefits"]
    search_fields = ["slug", "title_en", "title_ru", "summary_en", "summary_ru"]
    autocomplete_fields = ["benefits", "audiences", "contraindications", "tools"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["status", "published_at", "total_time", "updated_at", "current_picture"]
    actions = ["publish", "withdraw", "duplicate"]
    form = RoutineForm
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "introduction", "difficulty"]}),
        (_("Picture"), {"fields": ["current_picture", "picture_file", "image_alt"]}),
        (_("Who and why"), {"fields": ["performer", "audiences", "tools", "benefits"]}),
        (_("Safety"), {"fields": ["not_for", "contraindications", "safety_notes"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "total_time", "updated_at"]},
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Routine]:
        return super().get_queryset(request).with_totals()  # type: ignore[attr-defined]

    @admin.display(description=_("total time"), ordering="total_duration_seconds")
    def total_time(self, routine: Routine) -> str:
        return minutes(routine.total_duration()) if routine.pk else "-"

    @admin.display(description=_("steps"), ordering="step_count")
    def steps_in_it(self, routine: Routine) -> int:
        return routine.step_count  # type: ignore[attr-defined]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("routines.publish_routine")

    @admin.action(description=_("Publish selected routines"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Routine]) -> None:
        published = 0
        for routine in queryset:
            try:
                routine.publish()
            except ValidationError as error:
                self.message_user(
                    request,
                    f"“{routine}” was not published: {' '.join(error.messages)}",
                    messages.ERROR,
                )
            else:
                published += 1
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
            routine.withdraw()
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
        if routine.is_published and (problems := routine.publish_problems()):
            routine.withdraw()
            self.message_user(
                request,
                f"“{routine}” was withdrawn and is a draft again: {' '.join(problems)}",
                messages.WARNING,
            )


@admin.register(Benefit)
class BenefitAdmin(SortableAdminMixin, HistoryAdmin, UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["position", "title", "evidence_level"]
    list_filter = ["evidence_level", "audiences"]
    search_fields = ["slug", "title_en", "title_ru", "summary_en", "summary_ru"]
    autocomplete_fields = ["audiences", "sources", "zones"]
    prepopulated_fields = {"slug": ["title_en"]}


@admin.register(Technique)
class TechniqueAdmin(
    SortableAdminMixin, PictureAdminMixin, HistoryAdmin, UnicodeSearchMixin, TranslatedAdmin
):
    form = TechniqueForm
    list_display = ["position", "thumbnail", "name"]
    search_fields = ["slug", "name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["current_picture"]
    fields = ["name", "slug", "how_to", "current_picture", "picture_file", "image_alt"]


@admin.register(Contraindication)
class ContraindicationAdmin(SortableAdminMixin, HistoryAdmin, UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["position", "name", "severity", "applies_to_every_routine"]
    list_filter = ["severity", "applies_to_every_routine"]
    search_fields = ["slug", "name_en", "name_ru"]
    autocomplete_fields = ["zones", "techniques", "sources"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Audience)
class AudienceAdmin(SortableAdminMixin, UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["position", "name"]
    search_fields = ["slug", "name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Tool)
class ToolAdmin(SortableAdminMixin, UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["position", "name"]
    search_fields = ["slug", "name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(SafetyScreen)
class SafetyScreenAdmin(HistoryAdmin, TranslatedAdmin):
    """The one safety screen: editors change its text; nobody adds a second or deletes it."""

    list_display = ["title", "updated_at"]
    readonly_fields = ["updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not SafetyScreen.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PressureLevel)
class PressureLevelAdmin(HistoryAdmin, TranslatedAdmin):
    """The words for each step of the 1–5 pressure scale; the five levels are fixed."""

    list_display = ["level", "feels_like"]
    readonly_fields = ["level"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
