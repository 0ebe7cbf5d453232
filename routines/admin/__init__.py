"""The routines' admin pages: what editors see, filter, search and order for each model.

The routine editor, the largest, has a module of its own (``routine``), with the step table
(``steps``) and the preview (``preview``) beside it.
"""

from typing import Any

from adminsortable2.admin import SortableAdminMixin
from django.contrib import admin
from django.http import HttpRequest

from footcare.admin.base import GuardedAdminMixin, HistoryAdmin, TranslatedAdmin, UnicodeSearchMixin
from footcare.admin.pictures import PictureAdminMixin, PictureUploadForm
from footcare.content.translations import translated_columns
from routines.admin import routine, safety_screen  # noqa: F401  (register their editors)
from routines.models import (
    Audience,
    Benefit,
    Contraindication,
    PressureLevel,
    Technique,
    Tool,
)


class TechniqueForm(PictureUploadForm):
    picture_required = True

    class Meta:
        model = Technique
        exclude = ["picture"]


@admin.register(Benefit)
class BenefitAdmin(SortableAdminMixin, HistoryAdmin, UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["position", "title", "evidence_level"]
    list_filter = ["evidence_level", "audiences"]
    search_fields = ["slug", *translated_columns("title", "summary")]
    autocomplete_fields = ["audiences", "sources", "zones"]
    prepopulated_fields = {"slug": ["title_en"]}


@admin.register(Technique)
class TechniqueAdmin(
    SortableAdminMixin, PictureAdminMixin, HistoryAdmin, UnicodeSearchMixin, TranslatedAdmin
):
    form = TechniqueForm
    list_display = ["position", "thumbnail", "name"]
    search_fields = ["slug", *translated_columns("name")]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["current_picture"]
    fields = ["name", "slug", "how_to", "current_picture", "picture_file", "image_alt"]


@admin.register(Contraindication)
class ContraindicationAdmin(SortableAdminMixin, HistoryAdmin, UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["position", "name", "severity", "applies_to_every_routine"]
    list_filter = ["severity", "applies_to_every_routine"]
    search_fields = ["slug", *translated_columns("name")]
    autocomplete_fields = ["zones", "techniques", "sources"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Audience)
class AudienceAdmin(SortableAdminMixin, GuardedAdminMixin, UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["position", "name"]
    search_fields = ["slug", *translated_columns("name")]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Tool)
class ToolAdmin(SortableAdminMixin, GuardedAdminMixin, UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["position", "name"]
    search_fields = ["slug", *translated_columns("name")]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(PressureLevel)
class PressureLevelAdmin(HistoryAdmin, TranslatedAdmin):
    """The words for each step of the 1–5 pressure scale; the five levels are fixed."""

    list_display = ["level", "feels_like"]
    readonly_fields = ["level"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
