from django.db import migrations, models


def from_the_newest_entry(apps, schema_editor):
    ContentChange = apps.get_model("footcare", "ContentChange")
    JournalCounter = apps.get_model("footcare", "JournalCounter")
    newest = ContentChange.objects.order_by("-position").values_list("changed_at", flat=True).first()
    if newest is not None:
        JournalCounter.objects.filter(pk=1).update(last_changed=int(newest.timestamp()))


class Migration(migrations.Migration):
    dependencies = [("footcare", "0001_journal")]

    operations = [
        migrations.AddField(
            model_name="journalcounter",
            name="last_changed",
            field=models.BigIntegerField(
                default=0, help_text="When the last position was written, in seconds since the epoch."
            ),
        ),
        migrations.RunPython(from_the_newest_entry, migrations.RunPython.noop),
    ]
