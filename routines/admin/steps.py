"""A routine's steps in the admin: a compact, drag-orderable table with each step's texts in a
dialog, and the safety rules judged on the very values of the form."""

from typing import Any

from adminsortable2.admin import SortableInlineAdminMixin
from django import forms
from django.conf import settings
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from footcare.content.translations import translated_columns
from routines import safety
from routines.models import Step

STEP_FIELDS: list[str | list[str] | tuple[str, ...] | tuple[()]] = list(Step.SHOWN)
# Shown in the step's dialog, English beside Russian; the rest are the table's columns.
TEXTS = ["title", "instruction", "tip", "narration"]
# A language without these is not written yet (a tip and a narration are optional).
REQUIRED_TEXTS = ["title", "instruction"]


class StepForm(forms.ModelForm):
    """A step row: checks the safety rules against the zones chosen in this very form, and
    tells the table what to show of it (its title, languages left to write, problems)."""

    class Meta:
        model = Step
        fields = STEP_FIELDS
        # Short column headings keep the table's head one line high.
        labels = {"duration_seconds": _("Seconds"), "repetitions": _("Times")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A saved step as the rules see it now: a zone's limit may have changed since.
        self.safety_problems = (
            safety.step_problems(self.instance.facts())
            if self.instance.pk and not self.is_bound
            else []
        )

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

    def _text(self, field: str, language: str) -> str:
        name = f"{field}_{language}"
        return str(self[name].value() or "").strip() if name in self.fields else ""

    @property
    def display_title(self) -> str:
        """The title in the admin's language, else in the first language that has one."""
        current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        codes = [current, *(code for code, _name in settings.LANGUAGES if code != current)]
        return next((title for code in codes if (title := self._text("title", code))), "")

    @property
    def missing_languages(self) -> list[str]:
        """Languages in which the step's title or instruction is still empty."""
        if not self.instance.pk and not self.is_bound:
            return []
        return [
            code
            for code, _name in settings.LANGUAGES
            if any(not self._text(field, code) for field in REQUIRED_TEXTS)
        ]

    @property
    def text_errors(self) -> bool:
        """Whether a field in the texts dialog has an error (the dialog opens by itself)."""
        names = {name for field in TEXTS for name in translated_columns(field)}
        return any(name in self.errors for name in names)


class StepInline(SortableInlineAdminMixin, TranslationTabularInline):
    """One row per step: order, texts, technique, foot, zones, area, pressure, time."""

    model = Step
    form = StepForm
    fields = STEP_FIELDS
    template = "admin/routines/step_table.html"
    extra = 0
    autocomplete_fields = ["technique", "zones", "area"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}
    # Read by the template: which fields go into the texts dialog.
    text_fields = [name for field in TEXTS for name in translated_columns(field)]

    def formfield_for_dbfield(
        self, db_field: "models.Field[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # No add/change/view icons under the boxes: they double a row's height, and
        # techniques, zones and areas have their own pages.
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget.can_add_related = field.widget.can_change_related = False
            field.widget.can_delete_related = field.widget.can_view_related = False
        return field

    def get_queryset(self, request: HttpRequest) -> QuerySet[Step]:
        # Each row judges its step's safety: its zones, what they overlap, its area.
        return (
            super()
            .get_queryset(request)
            .select_related("technique", "area")
            .prefetch_related("zones__overlaps")
        )
