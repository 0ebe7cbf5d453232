"""Every public item gets an id that no rename changes (footcare.content.identity).

Rows that exist get the id the content pack would give them (derived from the slug), so that
installations agree; new rows get random ids from the field's default.
"""

import uuid

from django.db import migrations, models

from footcare.content.identity import pack_id

MODELS = ["area", "bodypart", "zone"]


def give_ids(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("zones", name)
        for row in model.objects.all():
            row.uuid = pack_id(f"zones.{name}", row.slug)
            row.save(update_fields=["uuid"])


def field(**kwargs):
    return models.UUIDField(
        verbose_name="id",
        editable=False,
        help_text="Never changes, whatever the slug: apps keep favourites by it.",
        **kwargs,
    )


class Migration(migrations.Migration):
    dependencies = [("zones", "0003_source_locators_zone_overlaps")]

    operations = [
        *[migrations.AddField(name, "uuid", field(null=True)) for name in MODELS],
        migrations.RunPython(give_ids, migrations.RunPython.noop),
        *[
            migrations.AlterField(name, "uuid", field(default=uuid.uuid4, unique=True))
            for name in MODELS
        ],
    ]
