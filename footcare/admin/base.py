"""Admin pieces shared by the content apps."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.formats import localize
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin
from reversion import set_comment
from reversion.errors import RevertError
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from footcare.admin.search import rows_with_every_word, search_words
from footcare.content.guards import UnsafeChange, deferred, problems_if_deleted
from footcare.content.history import restore
from footcare.content.search_words import search_problem
from footcare.content.translations import column_label, columns, missing


class UntranslatedFilter(admin.SimpleListFilter):
    """The items with a text still to translate in one language (``?untranslated=summary_ru``);
    the dashboard's counts of missing translations link here.

    In the sidebar only while chosen: a choice per field and language would crowd out the
    filters editors pick from every day, and the dashboard is where they find the gaps.
    """

    title = gettext_lazy("missing translation")
    parameter_name = "untranslated"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        model = model_admin.model
        return [(column.name, column_label(model, column)) for column in columns(model)]

    def has_output(self) -> bool:
        return self.value() is not None

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        chosen = self.value()
        if chosen is None:
            return queryset
        known = {column.name: column for column in columns(queryset.model)}
        if chosen not in known:
            # The admin's answer to any filter it does not know: the list, unfiltered, with
            # a note that the address was wrong.
            raise IncorrectLookupParameters(chosen)
        return queryset.filter(missing(queryset.model, known[chosen]))


class TranslatedAdmin(TabbedTranslationAdmin):
    """Content in both languages as tabs (the admin's language first), with the tab of a
    field still empty in a language marked, so that the editor sees what is left; the list
    can show the items still to translate (``UntranslatedFilter``)."""

    def get_list_filter(self, request: HttpRequest) -> Any:
        # Added here rather than in each admin's list_filter, which every subclass replaces.
        return [*super().get_list_filter(request), UntranslatedFilter]

    class Media:
        css = {"all": ["footcare/admin/admin.css"]}
        # After the tabs script (the admin's Media merge keeps this order).
        js = [
            "admin/js/jquery.init.js",
            "modeltranslation/js/tabbed_translation_fields.js",
            "footcare/admin/translation_marks.js",
        ]


class UnicodeSearchMixin(admin.ModelAdmin):
    """Admin search that ignores case in every alphabet, also on SQLite, and costs the
    database the same whatever the words (``footcare.admin.search``).

    Each word must be found in one of ``search_fields``, as in Django's admin; an editor
    typing "печень" finds "Печень".
    """

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        fields = self.get_search_fields(request)
        words = search_words(search_term)
        if not words or not fields:
            return queryset, False
        problem = search_problem(words)
        if problem:
            # The API's limits, kept here too: no editor types more.
            self.message_user(request, problem, messages.ERROR)
            return queryset.none(), False
        found = rows_with_every_word(queryset.model, fields, words)
        # Filtered by key, the list has one row per item: nothing to de-duplicate.
        return queryset.filter(pk__in=found), False


class GuardedAdminMixin(admin.ModelAdmin):
    """The safety guards in the admin's words.

    A delete they refuse is listed on the confirmation page as protected, with the reason,
    so the editor sees why before anything is removed. A change form is saved as one change
    (``deferred``): its inlines and relations are judged together, once all are written.
    """

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [problem for obj in objs for problem in problems_if_deleted(obj)]
        return deleted, counts, perms_needed, [*protected, *refusals]

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return self._as_one_change(request, super().changeform_view, request, *args, **kwargs)

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # List actions (publish, withdraw) and drag-and-drop reordering.
        return self._as_one_change(request, super().changelist_view, request, *args, **kwargs)

    def _as_one_change(self, request: HttpRequest, view: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            with deferred():
                return view(*args, **kwargs)
        except UnsafeChange as refusal:
            # The forms check the same rules first; this is the last line, reached only by a
            # combination they could not see. Nothing was saved.
            self.message_user(
                request, _("Nothing was saved: %s") % " ".join(refusal.messages), messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())


class ItemPageMixin(admin.ModelAdmin):
    """A change page that shows more than its form once the item is saved (a routine's preview
    and publication bar, the safety screen's workflow): ``saved_item_context`` adds to the
    template's context."""

    def saved_item_context(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {}

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        if obj is not None and obj.pk:
            context.update(self.saved_item_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)


class _Undo(Exception):
    """Carries a page out of the transaction that undoes what was written to draw it."""

    def __init__(self, response: HttpResponse) -> None:
        self.response = response


class HistoryAdmin(GuardedAdminMixin, CompareVersionAdmin):
    """A content admin with its history: every version, who saved it, a compare of two, and
    a restore (django-reversion, django-reversion-compare), under the safety guards.

    A restore puts back the item of the page only, with its parts (``restore``), never the
    rest of the version's revision; a version of another item is not found. Restoring needs
    the right to change the item (recovering a deleted one, to add and change). The version
    is written, then the item's change form is shown from it: a POST of the form keeps both
    as one change, judged by the guards like a form; anything else undoes both.
    """

    def compare_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        # django-reversion-compare asks for no right at all: any staff account could read
        # two versions of anything, drafts included.
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404
        if not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)

    def revision_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404
        if request.method == "POST":
            allowed = self.has_change_permission(request, item)
        else:
            allowed = self.has_view_or_change_permission(request, item)
        if not allowed:
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(item), pk=version_id)
        context = {"title": _("Revert %(name)s") % {"name": version.object_repr}, "revert": True}
        template = self.revision_form_template or self._reversion_get_template_list(
            "revision_form.html"
        )
        return self._restore_form(request, version, template, context | (extra_context or {}))

    def recover_view(
        self, request: HttpRequest, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        # The last version of an item of this model that no longer exists.
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        context = {"title": _("Recover %(name)s") % {"name": version.object_repr}, "recover": True}
        template = self.recover_form_template or self._reversion_get_template_list(
            "recover_form.html"
        )
        return self._restore_form(request, version, template, context | (extra_context or {}))

    def _restore_form(
        self, request: HttpRequest, version: Version, template: Any, context: dict[str, Any]
    ) -> HttpResponse:
        try:
            return self._as_one_change(
                request, self._restore_and_edit, request, version, template, context
            )
        except _Undo as undo:
            return undo.response
        except (RevertError, ProtectedError) as error:
            self.message_user(request, str(error), messages.ERROR)
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")

    def _restore_and_edit(
        self, request: HttpRequest, version: Version, template: Any, context: dict[str, Any]
    ) -> HttpResponse:
        with self.create_revision(request):
            restore(version)
            # The form view without GuardedAdminMixin's own change: a refusal inside it must
            # undo the restore too, not only the form's save.
            response = super(GuardedAdminMixin, self).changeform_view(
                request, quote(version.object_id), request.path, context
            )
            if request.method == "POST" and response.status_code == 302:
                when = localize(localtime(version.revision.date_created))
                set_comment(
                    _("Reverted to previous version, saved on %(datetime)s") % {"datetime": when}
                )
                return response
            if isinstance(response, TemplateResponse):
                # Drawn from the restored rows, before raising undoes them and the revision.
                response.template_name = template
                response.render()
            raise _Undo(response)
