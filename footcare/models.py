"""The tables every app shares: the change journal, pictures, pack items, former slugs, content
checks, and the webhooks that tell other systems of changes.
"""

import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JournalCounter(models.Model):
    """The one row that journal writers lock to take positions, so entries commit in order.

    A writer holds the row lock until its transaction ends, so a position handed out later
    can never commit earlier: a reader that has seen position N has seen every entry up to N.
    """

    id = models.PositiveSmallIntegerField(_("ID"), primary_key=True, default=1)
    last_position = models.BigIntegerField(_("last position"), default=0)
    compacted_through = models.BigIntegerField(
        _("compacted through"),
        default=0,
        help_text=_("Entries up to this position were removed; older tokens are stale."),
    )
    last_changed = models.BigIntegerField(
        _("last changed"),
        default=0,
        help_text=_("When the last position was written, in seconds since the epoch."),
    )

    class Meta:
        verbose_name = _("journal counter")
        verbose_name_plural = _("journal counters")

    def __str__(self) -> str:
        return f"journal at {self.last_position}"


class Action(models.TextChoices):
    UPSERT = "upsert", _("Created or changed")
    DELETE = "delete", _("Deleted, withdrawn or unpublished")
    # The item itself is as it was; a copy it shows of another item changed (a routine lists
    # a zone's name). The sync that embeds copies sends it again; the lean one does not.
    REFRESH = "refresh", _("Shows a changed copy of another item")


class ContentChange(models.Model):
    """One change a public reader can see: a resource (type and slug) upserted or deleted.

    ``item_id`` lets a sync name a deleted item by the id an app keeps, and tell a rename (a
    deletion and an upsert with the same id) from a deletion.
    """

    position = models.BigIntegerField(_("position"), unique=True)
    resource = models.CharField(_("resource"), max_length=40)
    slug = models.CharField(_("slug"), max_length=120)
    action = models.CharField(_("action"), max_length=7, choices=Action.choices)
    item_id = models.UUIDField(
        _("item id"),
        null=True,
        blank=True,
        help_text=_("The item's id, for items that have one (see identity)."),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("content change")
        verbose_name_plural = _("content changes")

    def __str__(self) -> str:
        return f"{self.position} {self.action} {self.resource}/{self.slug}"


class PackItem(models.Model):
    """A content pack item the loader has put in the database once (or found there).

    ``fingerprint`` is the item as the loader last wrote it (a hash per field of its pack
    form, parts and links included; ``footcare.content.fingerprints``), or as the previous
    release's pack left it. Whatever editors did to the item since (an edit, a withdrawal, a
    deletion) stands: ``load_content --overwrite`` brings only the items whose row still
    matches their fingerprint up to the pack. An empty fingerprint (a row found that the
    pack never wrote) makes the item the editors'.
    """

    resource = models.CharField(
        _("resource"), max_length=60, help_text=_("The model, e.g. zones.zone.")
    )
    key = models.CharField(
        _("key"), max_length=120, help_text=_("Its natural key in the pack (slug, view).")
    )
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    fingerprint = models.JSONField(
        _("fingerprint"),
        default=dict,
        blank=True,
        help_text=_("A hash per field of the item as the loader last wrote it."),
    )

    class Meta:
        verbose_name = _("pack item")
        verbose_name_plural = _("pack items")
        constraints = [
            models.UniqueConstraint(fields=["resource", "key"], name="one_record_per_pack_item")
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.key}"


class ContentCheck(models.Model):
    """The last run of every content rule over the whole content, and what it found.

    One row, written by ``check_content``, by a ``load_content`` that changed something, and
    by an editor's "Check again" on the dashboard, which lists its findings by item
    (``footcare.content.findings``): running every rule on each view of the admin's index
    would cost seconds.
    """

    checked_at = models.DateTimeField(_("checked at"))
    # [{"model": "routines.routine", "pk": 3, "label": {"en": ...}, "location", "rule",
    #   "message"}]: the item's model and key are empty for a finding about no one item.
    findings = models.JSONField(_("findings"), default=list, blank=True)

    class Meta:
        verbose_name = _("content check")
        verbose_name_plural = _("content checks")

    def __str__(self) -> str:
        return f"{len(self.findings)} findings at {self.checked_at:%Y-%m-%d %H:%M}"


class FormerSlug(models.Model):
    """A slug an item had before an editor renamed it, so that old links still lead to it.

    Recorded when a slug changes (``footcare.content.identity``); the API answers a request
    for a former slug with a 301 to the item's current address, found by its id.
    """

    model = models.CharField(
        _("model"), max_length=60, help_text=_("The item's model, e.g. zones.zone.")
    )
    slug = models.CharField(_("slug"), max_length=120)
    uuid = models.UUIDField(_("item id"), help_text=_("The id of the item that had this slug."))
    retired_at = models.DateTimeField(_("retired at"), auto_now=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")
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

    digest = models.CharField(
        _("digest"), max_length=64, unique=True, help_text=_("SHA-256 of the bytes.")
    )
    content_type = models.CharField(_("content type"), max_length=40)
    data = models.BinaryField(_("data"))
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    # A smaller copy for lists and the admin; empty for SVG, which scales by itself.
    thumbnail = models.BinaryField(_("thumbnail"), blank=True, default=b"")
    thumbnail_width = models.PositiveIntegerField(_("thumbnail width"))
    thumbnail_height = models.PositiveIntegerField(_("thumbnail height"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")

    def __str__(self) -> str:
        return f"{self.content_type} {self.width}×{self.height} {self.digest[:12]}"


class Event(models.TextChoices):
    """What a webhook endpoint may be told of (``footcare.webhooks``)."""

    CONTENT_CHANGED = "content.changed", _("Content changed (anything readers see)")
    PUBLISHED = "published", _("Published: readers got an item they did not have")
    WITHDRAWN = "withdrawn", _("Withdrawn: readers lost an item (withdrawn or deleted)")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """An address of another system (a CDN, a push service, an app build) that is sent a signed
    POST for each event it subscribes to (``footcare.webhooks``)."""

    url = models.URLField(
        _("URL"), max_length=500, help_text=_("Where each event is POSTed (http or https).")
    )
    secret = models.CharField(
        _("secret"),
        max_length=200,
        default=new_secret,
        help_text=_(
            "Shared with the receiver, which checks each request's X-Footcare-Signature with it."
        ),
    )
    events = models.JSONField(
        _("events"), default=list, help_text=_("The kinds of event this endpoint is sent.")
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["url", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed: no more tries")


class WebhookDelivery(models.Model):
    """One event for one endpoint: written in the transaction of the change that caused it (an
    outbox), so that no change commits without it; sent, and retried with growing waits, by
    ``manage.py deliver_webhooks`` until the endpoint answers 2xx or the tries run out."""

    uuid = models.UUIDField(_("delivery id"), default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_response = models.CharField(
        _("last response"),
        max_length=300,
        blank=True,
        help_text=_("The status code the endpoint answered, or why there was no answer."),
    )
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"
