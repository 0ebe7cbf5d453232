"""The journal's migrations 0001 to 0009 in one, for a new database: why and how, see
``routines/migrations/0001_squashed_0015_safety_screen_drafts.py``.
"""

import importlib
import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import footcare.models


class Migration(migrations.Migration):
    replaces = [
        ("footcare", "0001_journal"),
        ("footcare", "0002_journalcounter_last_changed"),
        ("footcare", "0003_pack_items"),
        ("footcare", "0004_former_slugs"),
        ("footcare", "0005_change_ids"),
        ("footcare", "0006_pictures"),
        ("footcare", "0007_translatable_labels"),
        ("footcare", "0008_pack_item_fingerprints_content_check"),
        ("footcare", "0009_webhooks"),
    ]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.BigIntegerField(unique=True, verbose_name="position")),
                ("resource", models.CharField(max_length=40, verbose_name="resource")),
                ("slug", models.CharField(max_length=120, verbose_name="slug")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("upsert", "Created or changed"),
                            ("delete", "Deleted, withdrawn or unpublished"),
                            ("refresh", "Shows a changed copy of another item"),
                        ],
                        max_length=7,
                        verbose_name="action",
                    ),
                ),
                (
                    "changed_at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="changed at"
                    ),
                ),
                (
                    "item_id",
                    models.UUIDField(
                        blank=True,
                        help_text="The item's id, for items that have one (see identity).",
                        null=True,
                        verbose_name="item id",
                    ),
                ),
            ],
            options={
                "ordering": ["position"],
                "verbose_name": "content change",
                "verbose_name_plural": "content changes",
            },
        ),
        migrations.CreateModel(
            name="FormerSlug",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "model",
                    models.CharField(
                        help_text="The item's model, e.g. zones.zone.",
                        max_length=60,
                        verbose_name="model",
                    ),
                ),
                ("slug", models.CharField(max_length=120, verbose_name="slug")),
                (
                    "uuid",
                    models.UUIDField(
                        help_text="The id of the item that had this slug.", verbose_name="item id"
                    ),
                ),
                ("retired_at", models.DateTimeField(auto_now=True, verbose_name="retired at")),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("model", "slug"), name="one_item_per_former_slug"
                    )
                ],
                "verbose_name": "former slug",
                "verbose_name_plural": "former slugs",
            },
        ),
        migrations.CreateModel(
            name="JournalCounter",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("last_position", models.BigIntegerField(default=0, verbose_name="last position")),
                (
                    "compacted_through",
                    models.BigIntegerField(
                        default=0,
                        help_text="Entries up to this position were removed; older tokens are stale.",
                        verbose_name="compacted through",
                    ),
                ),
                (
                    "last_changed",
                    models.BigIntegerField(
                        default=0,
                        help_text="When the last position was written, in seconds since the epoch.",
                        verbose_name="last changed",
                    ),
                ),
            ],
            options={
                "verbose_name": "journal counter",
                "verbose_name_plural": "journal counters",
            },
        ),
        migrations.CreateModel(
            name="Picture",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "digest",
                    models.CharField(
                        help_text="SHA-256 of the bytes.",
                        max_length=64,
                        unique=True,
                        verbose_name="digest",
                    ),
                ),
                ("content_type", models.CharField(max_length=40, verbose_name="content type")),
                ("data", models.BinaryField(verbose_name="data")),
                ("width", models.PositiveIntegerField(verbose_name="width")),
                ("height", models.PositiveIntegerField(verbose_name="height")),
                (
                    "thumbnail",
                    models.BinaryField(blank=True, default=b"", verbose_name="thumbnail"),
                ),
                ("thumbnail_width", models.PositiveIntegerField(verbose_name="thumbnail width")),
                ("thumbnail_height", models.PositiveIntegerField(verbose_name="thumbnail height")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "verbose_name": "picture",
                "verbose_name_plural": "pictures",
            },
        ),
        migrations.CreateModel(
            name="ContentCheck",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("checked_at", models.DateTimeField(verbose_name="checked at")),
                ("findings", models.JSONField(blank=True, default=list, verbose_name="findings")),
            ],
            options={
                "verbose_name": "content check",
                "verbose_name_plural": "content checks",
            },
        ),
        migrations.CreateModel(
            name="PackItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "resource",
                    models.CharField(
                        help_text="The model, e.g. zones.zone.",
                        max_length=60,
                        verbose_name="resource",
                    ),
                ),
                (
                    "key",
                    models.CharField(
                        help_text="Its natural key in the pack (slug, view).",
                        max_length=120,
                        verbose_name="key",
                    ),
                ),
                ("loaded_at", models.DateTimeField(auto_now_add=True, verbose_name="loaded at")),
                (
                    "fingerprint",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="A hash per field of the item as the loader last wrote it.",
                        verbose_name="fingerprint",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("resource", "key"), name="one_record_per_pack_item"
                    )
                ],
                "verbose_name": "pack item",
                "verbose_name_plural": "pack items",
            },
        ),
        migrations.CreateModel(
            name="WebhookEndpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "url",
                    models.URLField(
                        help_text="Where each event is POSTed (http or https).",
                        max_length=500,
                        verbose_name="URL",
                    ),
                ),
                (
                    "secret",
                    models.CharField(
                        default=footcare.models.new_secret,
                        help_text="Shared with the receiver, which checks each request's X-Footcare-Signature with it.",
                        max_length=200,
                        verbose_name="secret",
                    ),
                ),
                (
                    "events",
                    models.JSONField(
                        default=list,
                        help_text="The kinds of event this endpoint is sent.",
                        verbose_name="events",
                    ),
                ),
                ("active", models.BooleanField(default=True, verbose_name="active")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "verbose_name": "webhook endpoint",
                "verbose_name_plural": "webhook endpoints",
                "ordering": ["url", "pk"],
            },
        ),
        migrations.CreateModel(
            name="WebhookDelivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "uuid",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="delivery id"
                    ),
                ),
                (
                    "event",
                    models.CharField(
                        choices=[
                            ("content.changed", "Content changed (anything readers see)"),
                            ("published", "Published: readers got an item they did not have"),
                            ("withdrawn", "Withdrawn: readers lost an item (withdrawn or deleted)"),
                        ],
                        max_length=40,
                        verbose_name="event",
                    ),
                ),
                ("payload", models.JSONField(verbose_name="payload")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be sent"),
                            ("delivered", "Delivered"),
                            ("failed", "Failed: no more tries"),
                        ],
                        db_index=True,
                        default="pending",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="created at"
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
                (
                    "next_attempt_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="next attempt at"
                    ),
                ),
                (
                    "last_attempt_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last attempt at"),
                ),
                (
                    "last_response",
                    models.CharField(
                        blank=True,
                        help_text="The status code the endpoint answered, or why there was no answer.",
                        max_length=300,
                        verbose_name="last response",
                    ),
                ),
                (
                    "delivered_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="delivered at"),
                ),
                (
                    "endpoint",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="footcare.webhookendpoint",
                        verbose_name="endpoint",
                    ),
                ),
            ],
            options={
                "verbose_name": "webhook delivery",
                "verbose_name_plural": "webhook deliveries",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["status", "next_attempt_at"], name="footcare_we_status_d840f5_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(
            importlib.import_module("footcare.migrations.0001_journal").create_counter,
            migrations.RunPython.noop,
        ),
    ]
