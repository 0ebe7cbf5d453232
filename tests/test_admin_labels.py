"""Every label the admin shows for our content can be shown in Russian.

The labels are collected from the registered admins of the footcare, zones and routines apps
and their inlines: the app and model names, the form's field labels and help texts, fieldset
titles, action descriptions, list columns and list filters.

``test_every_label_is_marked_for_translation`` holds now: no label is a plain string, so each
reaches the catalogue. ``test_every_label_has_russian_text`` holds once the Russian catalogue
(locale/ru) translates them all; until then it lists the labels still to translate.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import (
    flatten_fieldsets,
    get_fields_from_path,
    help_text_for_field,
    label_for_field,
)
from django.contrib.auth.models import User
from django.core.exceptions import FieldDoesNotExist
from django.test import RequestFactory
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst

pytestmark = pytest.mark.django_db

APPS = {"footcare", "zones", "routines"}
# The same in both languages: abbreviations a Russian editor reads as they are.
SAME_IN_EVERY_LANGUAGE = {"URL", "DOI", "ISBN"}


@dataclass(frozen=True)
class Label:
    where: str
    text: Any  # a str or a lazy translation

    def __str__(self) -> str:
        return f"{self.where}: {str(self.text)!r}"


def _source_field(model: Any, name: str) -> Any:
    """The model field behind a form field, and for a modeltranslation column (``name_ru``)
    the field it translates, whose verbose name is the text to translate."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return getattr(field, "translated_field", field)


def _form_labels(where: str, model_admin: Any, form: Any, names: list[str]) -> Iterator[Label]:
    model = model_admin.model
    for name in names:
        formfield = form.base_fields.get(name)
        field = _source_field(model, name)
        column = model._meta.get_field(name) if field is not None else None
        if formfield is None:  # a read-only field or a method of the admin
            yield Label(f"{where} field {name}", label_for_field(name, model, model_admin))
            if field is not None or hasattr(model, name):
                help_text = help_text_for_field(name, model)
                if help_text:
                    yield Label(f"{where} field {name} help", help_text)
            continue
        # A label the form sets itself (StepForm's "Seconds") is what the editor sees;
        # otherwise it is the model field's verbose name.
        if column is not None and str(formfield.label) == str(capfirst(column.verbose_name)):
            yield Label(f"{where} field {name}", field.verbose_name)
        else:
            yield Label(f"{where} field {name}", formfield.label)
        if column is not None and str(formfield.help_text) == str(column.help_text):
            help_text = field.help_text
        else:
            help_text = formfield.help_text
        if help_text:
            yield Label(f"{where} field {name} help", help_text)


def _list_labels(where: str, model_admin: Any, request: Any) -> Iterator[Label]:
    model = model_admin.model
    for name in model_admin.get_list_display(request):
        if name != "__str__":  # shown under the model's verbose name
            yield Label(f"{where} column {name}", label_for_field(name, model, model_admin))
    for entry in model_admin.get_list_filter(request):
        path = entry[0] if isinstance(entry, tuple | list) else entry
        if isinstance(path, str):
            title = get_fields_from_path(model, path)[-1].verbose_name
        else:  # a ListFilter class
            title = path.title
        yield Label(f"{where} filter {path}", title)


def collect_labels() -> list[Label]:
    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("labels", password="a-long-passphrase")
    labels: list[Label] = []
    seen_apps = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in APPS:
            continue
        where = f"{model._meta.label} admin"
        if model._meta.app_label not in seen_apps:
            seen_apps.add(model._meta.app_label)
            app = apps.get_app_config(model._meta.app_label)
            labels.append(Label(f"app {app.label}", app.verbose_name))
        labels.append(Label(f"{where} name", model._meta.verbose_name))
        labels.append(Label(f"{where} plural", model._meta.verbose_name_plural))
        # The fieldsets, where an admin has them, say which fields its form shows.
        fieldsets = model_admin.get_fieldsets(request)
        form = model_admin.get_form(request)
        labels += _form_labels(where, model_admin, form, flatten_fieldsets(fieldsets))
        for title, _options in fieldsets:
            if title:
                labels.append(Label(f"{where} fieldset", title))
        for name, (_function, _name, description) in model_admin.get_actions(request).items():
            labels.append(Label(f"{where} action {name}", description))
        labels += _list_labels(where, model_admin, request)
        for inline in model_admin.get_inline_instances(request):
            inline_where = f"{where} inline {inline.model._meta.label}"
            labels.append(Label(f"{inline_where} name", inline.verbose_name))
            labels.append(Label(f"{inline_where} plural", inline.verbose_name_plural))
            labels.append(Label(f"{inline_where} model name", inline.model._meta.verbose_name))
            labels.append(
                Label(f"{inline_where} model plural", inline.model._meta.verbose_name_plural)
            )
            inline_form = inline.get_formset(request).form
            names = flatten_fieldsets(inline.get_fieldsets(request))
            labels += _form_labels(inline_where, inline, inline_form, names)
    return labels


def in_language(label: Label, language: str) -> str:
    with translation.override(language):
        return str(label.text)


def test_the_collection_covers_the_admin():
    labels = collect_labels()
    where = {label.where for label in labels}
    # A sample of each kind, so that a change in the collector cannot make the tests vacuous.
    for expected in (
        "app zones",
        "app routines",
        "zones.Zone admin name",
        "zones.Zone admin field max_pressure",
        "zones.Zone admin field longitudinal_zones help",
        "zones.Zone admin field foot_map_preview",
        "zones.Zone admin fieldset",
        "zones.Zone admin column pressure",
        "zones.Zone admin filter body_parts__system",
        "routines.Routine admin action publish",
        "routines.Routine admin inline routines.Step field duration_seconds",
        "routines.Routine admin inline routines.Step field title_ru",
        "zones.Zone admin inline zones.ZoneShape name",
    ):
        assert expected in where, expected
    distinct = {in_language(label, "en") for label in labels}
    print(f"{len(labels)} labels shown, {len(distinct)} distinct")


def test_every_label_is_marked_for_translation():
    """No plain strings: each label is a lazy translation (modeltranslation's columns are
    judged by the field they translate), so makemessages finds it and it follows the admin's
    language. What ``test_every_label_has_russian_text`` still finds is only missing Russian."""
    unmarked = [str(label) for label in collect_labels() if not isinstance(label.text, Promise)]
    assert not unmarked, "Labels not marked for translation:\n" + "\n".join(sorted(unmarked))


def test_every_label_has_russian_text():
    """Fails while locale/ru lacks a translation of a label the admin shows."""
    untranslated: dict[str, list[str]] = {}
    for label in collect_labels():
        english = in_language(label, "en")
        if english in SAME_IN_EVERY_LANGUAGE:
            continue
        if in_language(label, "ru") == english:
            untranslated.setdefault(english, []).append(label.where)
    assert not untranslated, f"{len(untranslated)} labels have no Russian text:\n" + "\n".join(
        f"{text!r} ({', '.join(sorted(set(where)))})"
        for text, where in sorted(untranslated.items())
    )
