"""Photos an earlier release stored with their metadata, stored again without it.

Until this release an upload was kept byte for byte, EXIF (the GPS position, the owner's
name), XMP, colour profile and comments included, and its thumbnail kept some of it; the
bytes were served to anyone at the picture's address. ``row_values`` now keeps only the
pixels, but rows stored before stay as they were until ``strip_metadata`` replaces them
(``manage.py strip_picture_metadata``; ``check --deploy`` fails while any is left).

A clean copy has other bytes, hence another digest and another address, and an address is
served as immutable: so each item that showed the old picture is saved showing the clean
copy, through its model's ``save()``, which the journal records (synced apps and stored
answers learn the new address) and history keeps, with a comment saying why. The clean copy
may be stored already (the same file uploaded since): the items then share it.

The old row is removed at once, in the same transaction, rather than left to
``prune_pictures`` and its grace period: it is the leak, public at its address until it goes,
and those who would still ask for it are apps that have not synced since, or anyone who kept
the address. Such an app gets a 404 for that picture until its next sync names the item with
the new address; otherwise it would get the GPS position. Versions in history name the old
row; restoring one is then treated as restoring a pruned picture (``picture_pruning``).

SVG drawings are text checked in full on the way in (``svg_allowlist``) and are left alone.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from footcare.content.history import revision_per_item
from footcare.content.picture_metadata import carries_metadata
from footcare.content.picture_pruning import picture_references
from footcare.content.pictures import SVG_TYPE, row_values, save_picture
from footcare.models import Picture

# What an item's history says of the change (as the loader's "Loaded from the content pack").
COMMENT = "Picture stored again without its metadata"
ROWS_READ_AT_ONCE = 10  # pictures of up to 5 MB each, and their thumbnails


def stored_with_metadata() -> list[Picture]:
    """Every stored raster picture whose bytes or thumbnail carry metadata (judged by
    ``carries_metadata``, reading a few rows at a time), without its bytes."""
    rows = Picture.objects.exclude(content_type=SVG_TYPE).order_by("pk")
    read = rows.values_list("pk", "data", "thumbnail").iterator(chunk_size=ROWS_READ_AT_ONCE)
    found = [
        pk
        for pk, data, thumbnail in read
        if carries_metadata(bytes(data)) or carries_metadata(bytes(thumbnail))
    ]
    return list(rows.defer("data", "thumbnail").filter(pk__in=found))


def items_showing(picture: Picture) -> list[tuple[models.Model, str]]:
    """Every row of any model that points at ``picture``, with the field that does."""
    return [
        (item, reference.name)
        for reference in picture_references()
        for item in reference.model._default_manager.filter(**{reference.name: picture.pk})
    ]


def strip_metadata(picture: Picture) -> Picture | None:
    """Store ``picture`` again without its metadata, show the clean copy on every item that
    showed it, and remove it; the clean copy, or None when no item showed it (it is only
    removed). A ``ValidationError`` in words, with nothing changed, when its bytes cannot be
    stored again or an item showing the clean copy could not be saved."""
    with transaction.atomic(), revision_per_item(COMMENT):
        old = Picture.objects.select_for_update().filter(pk=picture.pk).first()
        if old is None:
            return None  # removed meanwhile
        shown_by = items_showing(old)
        if not shown_by:
            old.delete()
            return None
        values = row_values(bytes(old.data))
        if carries_metadata(values["data"]) or carries_metadata(values["thumbnail"]):
            # Never expected: replacing it would only change its address, run after run.
            raise ValidationError(_("This picture cannot be stored without its metadata."))
        if values["digest"] == old.digest:
            # Only the thumbnail carried any: the picture's bytes, hence its address, stay.
            thumbnail = ("thumbnail", "thumbnail_width", "thumbnail_height")
            Picture.objects.filter(pk=old.pk).update(**{name: values[name] for name in thumbnail})
            return old
        clean = save_picture(values)
        for item, field in shown_by:
            setattr(item, field, clean)
            item.save(update_fields=[field])  # only the picture: an edit meanwhile stays
        old.delete()
        return clean
