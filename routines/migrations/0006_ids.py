"""Every public item gets an id that no rename changes (footcare.content.identity).

Rows that exist get the id the content pack would give them (derived from the slug; for a
step, from its routine's id and its position), so that installations agree; new rows get
random ids from the field's default.
"""

import uuid

from django.db import migrations, models

from footcare.content.identity import pack_id

MODELS = ["audience", "tool", "benefit", "technique", "contraindication", "routine"]


def give_ids(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("routines", name)
        for row in model.objects.all():
            row.uuid = pack_id(f"routines.{name}", row.slug)
            row.save(update_fields=["uuid"])
    for step in apps.get_model("routines", "step").objects.select_related("routine"):
        step.uuid = pack_id("routines.step", f"{step.routine.uuid}/{step.position}")
        step.save(update_fields=["uuid"])


def field(**kwargs):
    return models.UUIDField(
        verbose_name="id",
        editable=False,
        help_text="Never changes, whatever the slug: apps keep favourites by it.",
        **kwargs,
    )


class Migration(migrations.Migration):
    dependencies = [("routines", "0005_tools_audiences_safety_screen")]

    operations = [
        *[migrations.AddField(name, "uuid", field(null=True)) for name in [*MODELS, "step"]],
        migrations.RunPython(give_ids, migrations.RunPython.noop),
        *[
            migrations.AlterField(name, "uuid", field(default=uuid.uuid4, unique=True))
            for name in [*MODELS, "step"]
        ],
    ]
