from django.db import models


class JournalCounter(models.Model):
    """The one row that journal writers lock to take positions, so entries commit in order.

    A writer holds the row lock until its transaction ends, so a position handed out later
    can never commit earlier: a reader that has seen position N has seen every entry up to N.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_position = models.BigIntegerField(default=0)
    compacted_through = models.BigIntegerField(
        default=0, help_text="Entries up to this position were removed; older tokens are stale."
    )
    last_changed = models.BigIntegerField(
        default=0, help_text="When the last position was written, in seconds since the epoch."
    )

    def __str__(self) -> str:
        return f"journal at {self.last_position}"


class Action(models.TextChoices):
    UPSERT = "upsert", "Created or changed"
    DELETE = "delete", "Deleted, withdrawn or unpublished"
    # The item itself is as it was; a copy it shows of another item changed (a routine lists
    # a zone's name). The sync that embeds copies sends it again; the lean one does not.
    REFRESH = "refresh", "Shows a changed copy of another item"


class ContentChange(models.Model):
    """One change a public reader can see: a resource (type and slug) upserted or deleted.

    ``item_id`` lets a sync name a deleted item by the id an app keeps, and tell a rename (a
    deletion and an upsert with the same id) from a deletion.
    """

    position = models.BigIntegerField(unique=True)
    resource = models.CharField(max_length=40)
    slug = models.CharField(max_length=120)
    action = models.CharField(max_length=7, choices=Action.choices)
    item_id = models.UUIDField(
        null=True, blank=True, help_text="The item's id, for items that have one (see identity)."
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position} {self.action} {self.resource}/{self.slug}"


class PackItem(models.Model):
    """A content pack item the loader has put in the database once (or found there).

    The loader never writes such an item again unless told to overwrite: whatever editors
    did to it since (an edit, a withdrawal, a deletion) stands.
    """

    resource = models.CharField(max_length=60, help_text="The model, e.g. zones.zone.")
    key = models.CharField(max_length=120, help_text="Its natural key in the pack (slug, view).")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "key"], name="one_record_per_pack_item")
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.key}"


class FormerSlug(models.Model):
    """A slug an item had before an editor renamed it, so that old links still lead to it.

    Recorded when a slug changes (``footcare.content.identity``); the API answers a request
    for a former slug with a 301 to the item's current address, found by its id.
    """

    model = models.CharField(max_length=60, help_text="The item's model, e.g. zones.zone.")
    slug = models.CharField(max_length=120)
    uuid = models.UUIDField(help_text="The id of the item that had this slug.")
    retired_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "slug"], name="one_item_per_former_slug")
        ]

    def __str__(self) -> str:
        return f"{self.model}/{self.slug} -> {self.uuid}"


class Picture(models.Model):
    """An illustration's bytes and a thumbnail, kept in the database.

    In the database, not on a disk, so that every app server serves the picture an editor
    uploaded the moment her save commits, and a backup of the database is a backup of the
    pictures. A picture never changes: it is found by the SHA-256 of its bytes (``digest``),
    which is also its ETag, and an item that shows another picture points to another row.
    See ``footcare.content.pictures``.
    """

    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the bytes.")
    content_type = models.CharField(max_length=40)
    data = models.BinaryField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    # A smaller copy for lists and the admin; empty for SVG, which scales by itself.
    thumbnail = models.BinaryField(blank=True, default=b"")
    thumbnail_width = models.PositiveIntegerField()
    thumbnail_height = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.content_type} {self.width}×{self.height} {self.digest[:12]}"
