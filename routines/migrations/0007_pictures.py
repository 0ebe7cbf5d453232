"""Every technique gets a picture and its description; a routine may get one.

Techniques that exist get the content pack's drawing for their slug, or, for a technique an
editor added, the pack's drawing of hands holding a foot, until she uploads her own.
"""

from pathlib import Path

import django.db.models.deletion
import yaml
from django.db import migrations, models

from footcare.content.pictures import row_values

PACK = Path(__file__).resolve().parent.parent / "data"
FALLBACK = "holding"


def give_pictures(apps, schema_editor):
    picture_model = apps.get_model("footcare", "Picture")
    technique_model = apps.get_model("routines", "Technique")
    catalogue = yaml.safe_load((PACK / "01_catalogue.yaml").read_text(encoding="utf-8"))
    alts = {item["slug"]: item["image_alt"] for item in catalogue.get("techniques", [])}

    def picture(slug):
        # The digest is of the bytes row_values keeps, which for a drawing are the file's.
        values = row_values((PACK / "images" / "techniques" / f"{slug}.svg").read_bytes())
        found = picture_model.objects.filter(digest=values["digest"]).first()
        return found or picture_model.objects.create(**values)

    for technique in technique_model.objects.all():
        slug = technique.slug if technique.slug in alts else FALLBACK
        technique.picture = picture(slug)
        for language in ("en", "ru"):
            setattr(technique, f"image_alt_{language}", alts[slug][language])
        technique.image_alt = alts[slug]["en"]
        technique.save(update_fields=["picture", "image_alt", "image_alt_en", "image_alt_ru"])


def alt(blank, **kwargs):
    return models.CharField(
        max_length=200,
        blank=blank,
        verbose_name="picture description",
        help_text=(
            "What your picture shows, in one sentence (only with a picture)."
            if blank
            else "What the picture shows, in one sentence, for people who cannot see it."
        ),
        **kwargs,
    )


class Migration(migrations.Migration):
    dependencies = [("footcare", "0006_pictures"), ("routines", "0006_ids")]

    operations = [
        migrations.AddField(
            "technique",
            "picture",
            models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="footcare.picture",
                verbose_name="picture",
                help_text="A drawing or photo that shows the movement (PNG, JPEG, WebP or SVG).",
            ),
        ),
        migrations.AddField("technique", "image_alt", alt(False, default="")),
        migrations.AddField("technique", "image_alt_en", alt(False, default="", null=True)),
        migrations.AddField("technique", "image_alt_ru", alt(False, default="", null=True)),
        migrations.RunPython(give_pictures, migrations.RunPython.noop),
        migrations.AlterField(
            "technique",
            "picture",
            models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="footcare.picture",
                verbose_name="picture",
                help_text="A drawing or photo that shows the movement (PNG, JPEG, WebP or SVG).",
            ),
        ),
    ]
