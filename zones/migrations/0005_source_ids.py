"""Sources get ids too: the lean sync sends each source once and items refer to it by id.

Existing rows get the id the content pack would give them (as in 0004_ids).
"""

import uuid

from django.db import migrations, models

from footcare.content.identity import pack_id


def give_ids(apps, schema_editor):
    source = apps.get_model("zones", "source")
    for row in source.objects.all():
        row.uuid = pack_id("zones.source", row.slug)
        row.save(update_fields=["uuid"])


def field(**kwargs):
    return models.UUIDField(
        verbose_name="id",
        editable=False,
        help_text="Never changes, whatever the slug: apps keep favourites by it.",
        **kwargs,
    )


class Migration(migrations.Migration):
    dependencies = [("zones", "0004_ids")]

    operations = [
        migrations.AddField("source", "uuid", field(null=True)),
        migrations.RunPython(give_ids, migrations.RunPython.noop),
        migrations.AlterField("source", "uuid", field(default=uuid.uuid4, unique=True)),
    ]
