"""Pictures in the admin: upload a file, see the current picture, a thumbnail in the list."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from footcare.content.pictures import picture_url, refuse_if_too_large, row_values, save_picture
from footcare.models import Picture


class PictureUploadForm(forms.ModelForm):
    """A model form whose ``picture`` comes as an uploaded file.

    The file is checked when the form is (``row_values``); what that refuses is said under
    the field in plain words, and the rest of the form keeps what the editor typed. It is
    stored only when the whole page is saved (``attach_picture``): a page refused for any
    field or inline leaves no picture behind.
    """

    picture_file = forms.FileField(
        label=_("Upload a picture"),
        required=False,
        help_text=_("PNG, JPEG, WebP or SVG, at most 5 MB. It replaces the current picture."),
    )
    # Set by subclasses: whether an item must have a picture (a technique must).
    picture_required = False
    checked_picture: dict[str, Any] | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        picture_id = self.instance.picture_id
        if picture_id is not None and not Picture.objects.filter(pk=picture_id).exists():
            # A restored version may name a picture removed since (prune_pictures): the
            # item has none, and one that needs a picture asks for an upload.
            self.instance.picture = None
        upload = cleaned.get("picture_file")
        if upload:
            try:
                refuse_if_too_large(upload.size)  # before the file is read
                self.checked_picture = row_values(upload.read())
            except ValidationError as error:
                self.add_error("picture_file", error)
        elif self.picture_required and self.instance.picture_id is None:
            self.add_error("picture_file", _("Add a picture that shows it."))
        return cleaned

    def attach_picture(self) -> None:
        """Store the checked upload and show it on the item; the admin calls this as it saves
        the item, in the same transaction, once every form on the page is valid."""
        if self.checked_picture is not None:
            self.instance.picture = save_picture(self.checked_picture)


def picture_tag(picture: Any, *, size: int) -> str:
    if picture is None:
        return "—"
    return format_html(
        '<img src="{}" alt="" style="max-width:{}px; max-height:{}px">',
        picture_url(picture, thumbnail=True),
        size,
        size,
    )


class PictureAdminMixin(admin.ModelAdmin):
    """Shows the current picture on the form and a small one in the change list, and stores
    an uploaded one with the item (its form is a ``PictureUploadForm``)."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        form.attach_picture()
        super().save_model(request, obj, form, change)

    @admin.display(description=_("current picture"))
    def current_picture(self, obj: Any) -> str:
        return picture_tag(obj.picture if obj and obj.pk else None, size=320)

    @admin.display(description=_("picture"))
    def thumbnail(self, obj: Any) -> str:
        return picture_tag(obj.picture, size=64)
