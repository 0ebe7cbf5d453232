"""The zones' migrations 0001 to 0007 in one, for a new database: why and how, see
``routines/migrations/0001_squashed_0015_safety_screen_drafts.py``.
"""

import uuid

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("zones", "0001_initial"),
        ("zones", "0002_area"),
        ("zones", "0003_source_locators_zone_overlaps"),
        ("zones", "0004_ids"),
        ("zones", "0005_source_ids"),
        ("zones", "0006_translatable_labels"),
        ("zones", "0007_area_shapes"),
    ]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="BodyPart",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("name_en", models.CharField(max_length=100, null=True, verbose_name="name")),
                ("name_ru", models.CharField(max_length=100, null=True, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "description_en",
                    models.TextField(blank=True, null=True, verbose_name="description"),
                ),
                (
                    "description_ru",
                    models.TextField(blank=True, null=True, verbose_name="description"),
                ),
                (
                    "system",
                    models.CharField(
                        choices=[
                            ("nervous", "Nervous"),
                            ("endocrine", "Endocrine"),
                            ("sensory", "Sensory"),
                            ("respiratory", "Respiratory"),
                            ("cardiovascular", "Cardiovascular"),
                            ("digestive", "Digestive"),
                            ("urinary", "Urinary"),
                            ("reproductive", "Reproductive"),
                            ("musculoskeletal", "Musculoskeletal"),
                            ("lymphatic", "Lymphatic"),
                        ],
                        max_length=20,
                        verbose_name="system",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
            ],
            options={
                "ordering": ["slug"],
            },
        ),
        migrations.CreateModel(
            name="FootOutline",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "view",
                    models.CharField(
                        choices=[
                            ("plantar", "Sole (plantar)"),
                            ("dorsal", "Top (dorsal)"),
                            ("medial", "Inner edge (medial)"),
                            ("lateral", "Outer edge (lateral)"),
                        ],
                        max_length=8,
                        unique=True,
                        verbose_name="view",
                    ),
                ),
                (
                    "points",
                    models.JSONField(
                        help_text="The outline as a list of [x, y] corners from 0 to 1.",
                        verbose_name="points",
                    ),
                ),
                (
                    "aspect_ratio",
                    models.FloatField(
                        help_text="Width divided by height of the drawing, e.g. 0.42 for a sole.",
                        verbose_name="aspect ratio",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
            ],
            options={
                "ordering": ["view"],
            },
        ),
        migrations.CreateModel(
            name="Landmark",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("name", models.CharField(max_length=80, verbose_name="name")),
                ("name_en", models.CharField(max_length=80, null=True, verbose_name="name")),
                ("name_ru", models.CharField(max_length=80, null=True, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "description_en",
                    models.TextField(blank=True, null=True, verbose_name="description"),
                ),
                (
                    "description_ru",
                    models.TextField(blank=True, null=True, verbose_name="description"),
                ),
                (
                    "view",
                    models.CharField(
                        choices=[
                            ("plantar", "Sole (plantar)"),
                            ("dorsal", "Top (dorsal)"),
                            ("medial", "Inner edge (medial)"),
                            ("lateral", "Outer edge (lateral)"),
                        ],
                        max_length=8,
                        verbose_name="view",
                    ),
                ),
                (
                    "points",
                    models.JSONField(
                        help_text="The line as a list of [x, y] points from 0 to 1.",
                        verbose_name="points",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
            ],
            options={
                "ordering": ["view", "slug"],
            },
        ),
        migrations.CreateModel(
            name="Source",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                (
                    "citation",
                    models.CharField(
                        help_text="Author, title, publisher, year.",
                        max_length=300,
                        verbose_name="citation",
                    ),
                ),
                (
                    "url",
                    models.URLField(
                        blank=True,
                        help_text="Where to read it, if it is online.",
                        verbose_name="URL",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
            ],
            options={
                "ordering": ["citation"],
            },
        ),
        migrations.CreateModel(
            name="Zone",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("name_en", models.CharField(max_length=120, null=True, verbose_name="name")),
                ("name_ru", models.CharField(max_length=120, null=True, verbose_name="name")),
                ("description", models.TextField(verbose_name="description")),
                ("description_en", models.TextField(null=True, verbose_name="description")),
                ("description_ru", models.TextField(null=True, verbose_name="description")),
                (
                    "foot",
                    models.CharField(
                        choices=[
                            ("left", "Left foot"),
                            ("right", "Right foot"),
                            ("both", "Both feet"),
                        ],
                        default="both",
                        max_length=5,
                        verbose_name="foot",
                    ),
                ),
                (
                    "region",
                    models.CharField(
                        choices=[
                            ("toes", "Toes"),
                            ("ball", "Ball of the foot"),
                            ("arch", "Arch"),
                            ("heel", "Heel"),
                            ("ankle", "Ankle"),
                            ("inner_edge", "Inner edge"),
                            ("outer_edge", "Outer edge"),
                            ("top", "Top of the foot"),
                        ],
                        max_length=12,
                        verbose_name="region",
                    ),
                ),
                (
                    "longitudinal_zones",
                    models.CharField(
                        blank=True,
                        help_text="Zones 1 (big-toe side) to 5 (little-toe side) it lies in, e.g. 23.",
                        max_length=5,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^1?2?3?4?5?$",
                                "List longitudinal zones as digits 1 to 5 in order, e.g. 123.",
                            )
                        ],
                        verbose_name="longitudinal zones",
                    ),
                ),
                (
                    "sensitivity",
                    models.CharField(
                        choices=[("low", "Low"), ("medium", "Medium"), ("high", "High")],
                        max_length=6,
                        verbose_name="sensitivity",
                    ),
                ),
                (
                    "skin",
                    models.CharField(
                        choices=[("tender", "Tender"), ("normal", "Normal"), ("coarse", "Coarse")],
                        default="normal",
                        max_length=6,
                        verbose_name="skin",
                    ),
                ),
                (
                    "recommended_pressure",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "1 · feather"),
                            (2, "2 · light"),
                            (3, "3 · moderate"),
                            (4, "4 · firm"),
                            (5, "5 · deep"),
                        ],
                        verbose_name="recommended pressure",
                    ),
                ),
                (
                    "max_pressure",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "1 · feather"),
                            (2, "2 · light"),
                            (3, "3 · moderate"),
                            (4, "4 · firm"),
                            (5, "5 · deep"),
                        ],
                        help_text="No step of a routine may press harder than this on this zone.",
                        verbose_name="maximum pressure",
                    ),
                ),
                ("technique_hints", models.TextField(blank=True, verbose_name="technique hints")),
                (
                    "technique_hints_en",
                    models.TextField(blank=True, null=True, verbose_name="technique hints"),
                ),
                (
                    "technique_hints_ru",
                    models.TextField(blank=True, null=True, verbose_name="technique hints"),
                ),
                ("caution", models.TextField(blank=True, verbose_name="caution")),
                ("caution_en", models.TextField(blank=True, null=True, verbose_name="caution")),
                ("caution_ru", models.TextField(blank=True, null=True, verbose_name="caution")),
                (
                    "skin_signs",
                    models.TextField(
                        blank=True,
                        help_text="What tradition reads into the skin here. Shown to users as a traditional belief, never as a diagnosis.",
                        verbose_name="traditional skin signs",
                    ),
                ),
                (
                    "skin_signs_en",
                    models.TextField(
                        blank=True,
                        help_text="What tradition reads into the skin here. Shown to users as a traditional belief, never as a diagnosis.",
                        null=True,
                        verbose_name="traditional skin signs",
                    ),
                ),
                (
                    "skin_signs_ru",
                    models.TextField(
                        blank=True,
                        help_text="What tradition reads into the skin here. Shown to users as a traditional belief, never as a diagnosis.",
                        null=True,
                        verbose_name="traditional skin signs",
                    ),
                ),
                (
                    "tradition",
                    models.CharField(
                        choices=[
                            ("common", "Common to most charts"),
                            ("western", "Western (Ingham) chart"),
                            ("chinese", "Chinese-style chart"),
                        ],
                        default="common",
                        max_length=8,
                        verbose_name="tradition",
                    ),
                ),
                (
                    "tradition_note",
                    models.TextField(
                        blank=True,
                        help_text="Where charts disagree about this zone, and how.",
                        verbose_name="tradition note",
                    ),
                ),
                (
                    "tradition_note_en",
                    models.TextField(
                        blank=True,
                        help_text="Where charts disagree about this zone, and how.",
                        null=True,
                        verbose_name="tradition note",
                    ),
                ),
                (
                    "tradition_note_ru",
                    models.TextField(
                        blank=True,
                        help_text="Where charts disagree about this zone, and how.",
                        null=True,
                        verbose_name="tradition note",
                    ),
                ),
                (
                    "position",
                    models.PositiveIntegerField(
                        db_index=True,
                        default=0,
                        help_text="Order in lists: toes first, heel last.",
                        verbose_name="position",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "body_parts",
                    models.ManyToManyField(
                        related_name="zones", to="zones.bodypart", verbose_name="body parts"
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        related_name="zones", to="zones.source", verbose_name="sources"
                    ),
                ),
            ],
            options={
                "ordering": ["position", "slug"],
            },
        ),
        migrations.CreateModel(
            name="ZoneShape",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "view",
                    models.CharField(
                        choices=[
                            ("plantar", "Sole (plantar)"),
                            ("dorsal", "Top (dorsal)"),
                            ("medial", "Inner edge (medial)"),
                            ("lateral", "Outer edge (lateral)"),
                        ],
                        max_length=8,
                        verbose_name="view",
                    ),
                ),
                (
                    "polygons",
                    models.JSONField(
                        help_text="A list of polygons, each a list of [x, y] corners from 0 to 1 (origin top left), on the right foot; the left foot is drawn as its mirror image.",
                        verbose_name="polygons",
                    ),
                ),
                (
                    "zone",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="shapes",
                        to="zones.zone",
                        verbose_name="zone",
                    ),
                ),
            ],
            options={
                "ordering": ["zone", "view"],
            },
        ),
        migrations.AddConstraint(
            model_name="zone",
            constraint=models.CheckConstraint(
                condition=models.Q(("recommended_pressure__lte", models.F("max_pressure"))),
                name="zone_recommended_pressure_within_max",
                violation_error_message="The recommended pressure cannot be harder than the maximum pressure.",
            ),
        ),
        migrations.AddConstraint(
            model_name="zone",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("recommended_pressure__gte", 1),
                    ("recommended_pressure__lte", 5),
                    ("max_pressure__gte", 1),
                    ("max_pressure__lte", 5),
                ),
                name="zone_pressures_on_scale",
            ),
        ),
        migrations.AddConstraint(
            model_name="zoneshape",
            constraint=models.UniqueConstraint(
                fields=("zone", "view"), name="one_shape_per_zone_and_view"
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="isbn",
            field=models.CharField(
                blank=True,
                max_length=17,
                validators=[
                    django.core.validators.RegexValidator(
                        "^(97[89])?[\\d-]{9,13}[\\dX]$", "Give the ISBN's 10 or 13 digits."
                    )
                ],
                verbose_name="ISBN",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="publisher",
            field=models.CharField(
                blank=True,
                help_text="The journal, publisher or website.",
                max_length=200,
                verbose_name="publisher",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="supports",
            field=models.TextField(
                blank=True,
                help_text="What in our content this source supports, in one sentence.",
                verbose_name="supports",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="supports_en",
            field=models.TextField(
                blank=True,
                help_text="What in our content this source supports, in one sentence.",
                null=True,
                verbose_name="supports",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="supports_ru",
            field=models.TextField(
                blank=True,
                help_text="What in our content this source supports, in one sentence.",
                null=True,
                verbose_name="supports",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="title",
            field=models.CharField(
                blank=True,
                help_text="The exact title, as the source prints it.",
                max_length=300,
                verbose_name="title",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="year",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="year"),
        ),
        migrations.AddField(
            model_name="zone",
            name="overlaps",
            field=models.ManyToManyField(
                blank=True,
                help_text="Zones that charts traditionally draw on top of this one (the gallbladder inside the liver). A step pressing this zone presses those too, so it keeps to their limits as well.",
                to="zones.zone",
                verbose_name="traditional overlaps",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="author",
            field=models.CharField(
                blank=True, help_text="Who wrote it.", max_length=200, verbose_name="author"
            ),
        ),
        migrations.AddField(
            model_name="bodypart",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Never changes, whatever the slug: apps keep favourites by it.",
                unique=True,
                verbose_name="id",
            ),
        ),
        migrations.AddField(
            model_name="zone",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Never changes, whatever the slug: apps keep favourites by it.",
                unique=True,
                verbose_name="id",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="doi",
            field=models.CharField(
                blank=True,
                max_length=100,
                validators=[
                    django.core.validators.RegexValidator(
                        "^10\\.\\d{4,9}/\\S+$", "A DOI starts with 10. and a slash."
                    )
                ],
                verbose_name="DOI",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Never changes, whatever the slug: apps keep favourites by it.",
                unique=True,
                verbose_name="id",
            ),
        ),
        migrations.AlterModelOptions(
            name="bodypart",
            options={
                "ordering": ["slug"],
                "verbose_name": "body part",
                "verbose_name_plural": "body parts",
            },
        ),
        migrations.AlterModelOptions(
            name="footoutline",
            options={
                "ordering": ["view"],
                "verbose_name": "foot outline",
                "verbose_name_plural": "foot outlines",
            },
        ),
        migrations.AlterModelOptions(
            name="landmark",
            options={
                "ordering": ["view", "slug"],
                "verbose_name": "landmark",
                "verbose_name_plural": "landmarks",
            },
        ),
        migrations.AlterModelOptions(
            name="source",
            options={
                "ordering": ["citation"],
                "verbose_name": "source",
                "verbose_name_plural": "sources",
            },
        ),
        migrations.AlterModelOptions(
            name="zone",
            options={
                "ordering": ["position", "slug"],
                "verbose_name": "zone",
                "verbose_name_plural": "zones",
            },
        ),
        migrations.AlterModelOptions(
            name="zoneshape",
            options={
                "ordering": ["zone", "view"],
                "verbose_name": "zone shape",
                "verbose_name_plural": "zone shapes",
            },
        ),
        migrations.CreateModel(
            name="Area",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("name", models.CharField(max_length=80, verbose_name="name")),
                ("name_en", models.CharField(max_length=80, null=True, verbose_name="name")),
                ("name_ru", models.CharField(max_length=80, null=True, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "description_en",
                    models.TextField(blank=True, null=True, verbose_name="description"),
                ),
                (
                    "description_ru",
                    models.TextField(blank=True, null=True, verbose_name="description"),
                ),
                (
                    "max_pressure",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "1 · feather"),
                            (2, "2 · light"),
                            (3, "3 · moderate"),
                            (4, "4 · firm"),
                            (5, "5 · deep"),
                        ],
                        help_text="No step working this area may press harder than this.",
                        verbose_name="maximum pressure",
                    ),
                ),
                (
                    "position",
                    models.PositiveIntegerField(db_index=True, default=0, verbose_name="position"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "uuid",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        help_text="Never changes, whatever the slug: apps keep favourites by it.",
                        unique=True,
                        verbose_name="id",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "slug"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("max_pressure__gte", 1), ("max_pressure__lte", 5)),
                        name="area_max_pressure_on_scale",
                    )
                ],
                "verbose_name": "area",
                "verbose_name_plural": "areas",
            },
        ),
        migrations.CreateModel(
            name="AreaShape",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "view",
                    models.CharField(
                        choices=[
                            ("plantar", "Sole (plantar)"),
                            ("dorsal", "Top (dorsal)"),
                            ("medial", "Inner edge (medial)"),
                            ("lateral", "Outer edge (lateral)"),
                        ],
                        max_length=8,
                        verbose_name="view",
                    ),
                ),
                (
                    "polygons",
                    models.JSONField(
                        help_text="A list of polygons, each a list of [x, y] corners from 0 to 1 (origin top left), on the right foot; the left foot is drawn as its mirror image.",
                        verbose_name="polygons",
                    ),
                ),
                (
                    "area",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="shapes",
                        to="zones.area",
                        verbose_name="area",
                    ),
                ),
            ],
            options={
                "verbose_name": "area shape",
                "verbose_name_plural": "area shapes",
                "ordering": ["area", "view"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("area", "view"), name="one_shape_per_area_and_view"
                    )
                ],
            },
        ),
    ]
