"""The routines' migrations 0001 to 0015 in one: what a new database applies instead of them.

Why: a new database (``make run``, each test process, a new server) took about 11 s to
migrate, mostly Django re-reading the models after each of some 220 operations that only
changed a label; the three squashed apps take about 3 s. A database that has applied some of
the originals, as every database made by an earlier release has, goes on with the originals
(``replaces``); the migrations that come after are the same for both.

How it was made: ``squashmigrations`` for each app, each ``AlterField`` folded into the field
it alters, and, of the data steps, those that make rows in an empty database kept, here at the
end: the Editors and Reviewers groups (the journal's counter is in footcare's squash). The
others (ids, pictures) find no rows there. On SQLite and PostgreSQL the schema it gives is the
originals' but for column order and the names of the uuid unique constraints, and the groups
hold the same permissions.
"""

import importlib
import uuid

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("routines", "0001_initial"),
        ("routines", "0002_editors_group"),
        ("routines", "0003_step_area"),
        ("routines", "0004_general_contraindications"),
        ("routines", "0005_tools_audiences_safety_screen"),
        ("routines", "0006_ids"),
        ("routines", "0007_pictures"),
        ("routines", "0008_picture_fields"),
        ("routines", "0009_translatable_labels"),
        ("routines", "0010_drafts_of_changes"),
        ("routines", "0011_approvals"),
        ("routines", "0012_reviewers_group"),
        ("routines", "0013_preview_links"),
        ("routines", "0014_schedules"),
        ("routines", "0015_safety_screen_drafts"),
    ]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("auth", "__first__"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("footcare", "0006_pictures"),
        ("footcare", "0008_pack_item_fingerprints_content_check"),
        ("zones", "0001_initial"),
        ("zones", "0002_area"),
        ("zones", "0006_translatable_labels"),
    ]

    operations = [
        migrations.CreateModel(
            name="Audience",
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
                "verbose_name": "audience",
                "verbose_name_plural": "audiences",
            },
        ),
        migrations.CreateModel(
            name="Technique",
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
                ("how_to", models.TextField(verbose_name="how to do it")),
                ("how_to_en", models.TextField(null=True, verbose_name="how to do it")),
                ("how_to_ru", models.TextField(null=True, verbose_name="how to do it")),
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
                (
                    "picture",
                    models.ForeignKey(
                        help_text="A drawing or photo that shows the movement (PNG, JPEG, WebP or SVG).",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="footcare.picture",
                        verbose_name="picture",
                    ),
                ),
                (
                    "image_alt",
                    models.CharField(
                        help_text="What the picture shows, in one sentence, for people who cannot see it.",
                        max_length=200,
                        verbose_name="picture description",
                    ),
                ),
                (
                    "image_alt_en",
                    models.CharField(
                        help_text="What the picture shows, in one sentence, for people who cannot see it.",
                        max_length=200,
                        null=True,
                        verbose_name="picture description",
                    ),
                ),
                (
                    "image_alt_ru",
                    models.CharField(
                        help_text="What the picture shows, in one sentence, for people who cannot see it.",
                        max_length=200,
                        null=True,
                        verbose_name="picture description",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "slug"],
                "verbose_name": "technique",
                "verbose_name_plural": "techniques",
            },
        ),
        migrations.CreateModel(
            name="Benefit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("title", models.CharField(max_length=120, verbose_name="title")),
                ("title_en", models.CharField(max_length=120, null=True, verbose_name="title")),
                ("title_ru", models.CharField(max_length=120, null=True, verbose_name="title")),
                ("summary", models.CharField(max_length=300, verbose_name="summary")),
                ("summary_en", models.CharField(max_length=300, null=True, verbose_name="summary")),
                ("summary_ru", models.CharField(max_length=300, null=True, verbose_name="summary")),
                ("body", models.TextField(verbose_name="text")),
                ("body_en", models.TextField(null=True, verbose_name="text")),
                ("body_ru", models.TextField(null=True, verbose_name="text")),
                (
                    "evidence_level",
                    models.CharField(
                        choices=[
                            ("traditional_belief", "Traditional belief"),
                            ("some_evidence", "Some evidence"),
                            ("good_evidence", "Good evidence"),
                        ],
                        max_length=20,
                        verbose_name="evidence level",
                    ),
                ),
                (
                    "evidence_note",
                    models.TextField(
                        blank=True,
                        help_text="What the evidence does and does not show, in plain words.",
                        verbose_name="evidence note",
                    ),
                ),
                (
                    "evidence_note_en",
                    models.TextField(
                        blank=True,
                        help_text="What the evidence does and does not show, in plain words.",
                        null=True,
                        verbose_name="evidence note",
                    ),
                ),
                (
                    "evidence_note_ru",
                    models.TextField(
                        blank=True,
                        help_text="What the evidence does and does not show, in plain words.",
                        null=True,
                        verbose_name="evidence note",
                    ),
                ),
                (
                    "position",
                    models.PositiveIntegerField(db_index=True, default=0, verbose_name="position"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "audiences",
                    models.ManyToManyField(
                        blank=True,
                        related_name="benefits",
                        to="routines.audience",
                        verbose_name="audiences",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True,
                        related_name="benefits",
                        to="zones.source",
                        verbose_name="sources",
                    ),
                ),
                (
                    "zones",
                    models.ManyToManyField(
                        blank=True, related_name="benefits", to="zones.zone", verbose_name="zones"
                    ),
                ),
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
                "verbose_name": "benefit",
                "verbose_name_plural": "benefits",
            },
        ),
        migrations.CreateModel(
            name="Contraindication",
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
                (
                    "severity",
                    models.CharField(
                        choices=[
                            ("do_not_massage", "Do not massage"),
                            ("ask_a_doctor_first", "Ask a doctor first"),
                            ("take_care", "Take care"),
                        ],
                        max_length=20,
                        verbose_name="severity",
                    ),
                ),
                ("description", models.TextField(verbose_name="description")),
                ("description_en", models.TextField(null=True, verbose_name="description")),
                ("description_ru", models.TextField(null=True, verbose_name="description")),
                (
                    "position",
                    models.PositiveIntegerField(db_index=True, default=0, verbose_name="position"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True,
                        related_name="contraindications",
                        to="zones.source",
                        verbose_name="sources",
                    ),
                ),
                (
                    "zones",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Zones to avoid or to treat gently under this condition.",
                        related_name="contraindications",
                        to="zones.zone",
                        verbose_name="zones",
                    ),
                ),
                (
                    "applies_to_every_routine",
                    models.BooleanField(
                        default=False,
                        help_text="A condition of the whole person (a thrombosis, a fracture): every routine lists it. Leave unticked for one that concerns only certain zones or techniques.",
                        verbose_name="applies to every routine",
                    ),
                ),
                (
                    "techniques",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Techniques to avoid under this condition; routines using them list it.",
                        related_name="contraindications",
                        to="routines.technique",
                        verbose_name="techniques",
                    ),
                ),
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
                "verbose_name": "contraindication",
                "verbose_name_plural": "contraindications",
            },
        ),
        migrations.CreateModel(
            name="Tool",
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
                "verbose_name": "tool",
                "verbose_name_plural": "tools",
            },
        ),
        migrations.CreateModel(
            name="Routine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("title", models.CharField(max_length=120, verbose_name="title")),
                ("title_en", models.CharField(max_length=120, null=True, verbose_name="title")),
                ("title_ru", models.CharField(max_length=120, null=True, verbose_name="title")),
                ("summary", models.CharField(max_length=300, verbose_name="summary")),
                ("summary_en", models.CharField(max_length=300, null=True, verbose_name="summary")),
                ("summary_ru", models.CharField(max_length=300, null=True, verbose_name="summary")),
                ("introduction", models.TextField(blank=True, verbose_name="introduction")),
                (
                    "introduction_en",
                    models.TextField(blank=True, null=True, verbose_name="introduction"),
                ),
                (
                    "introduction_ru",
                    models.TextField(blank=True, null=True, verbose_name="introduction"),
                ),
                (
                    "difficulty",
                    models.CharField(
                        choices=[
                            ("easy", "Easy"),
                            ("moderate", "Moderate"),
                            ("advanced", "Advanced"),
                        ],
                        default="easy",
                        max_length=10,
                        verbose_name="difficulty",
                    ),
                ),
                ("safety_notes", models.TextField(blank=True, verbose_name="safety notes")),
                (
                    "safety_notes_en",
                    models.TextField(blank=True, null=True, verbose_name="safety notes"),
                ),
                (
                    "safety_notes_ru",
                    models.TextField(blank=True, null=True, verbose_name="safety notes"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published at"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "audiences",
                    models.ManyToManyField(
                        blank=True,
                        related_name="routines",
                        to="routines.audience",
                        verbose_name="audiences",
                    ),
                ),
                (
                    "benefits",
                    models.ManyToManyField(
                        blank=True,
                        related_name="routines",
                        to="routines.benefit",
                        verbose_name="benefits",
                    ),
                ),
                (
                    "contraindications",
                    models.ManyToManyField(
                        blank=True,
                        related_name="routines",
                        to="routines.contraindication",
                        verbose_name="contraindications",
                    ),
                ),
                (
                    "not_for",
                    models.TextField(
                        blank=True,
                        help_text="In plain words, who should choose another routine or ask a doctor first.",
                        verbose_name="who should not use it",
                    ),
                ),
                (
                    "not_for_en",
                    models.TextField(
                        blank=True,
                        help_text="In plain words, who should choose another routine or ask a doctor first.",
                        null=True,
                        verbose_name="who should not use it",
                    ),
                ),
                (
                    "not_for_ru",
                    models.TextField(
                        blank=True,
                        help_text="In plain words, who should choose another routine or ask a doctor first.",
                        null=True,
                        verbose_name="who should not use it",
                    ),
                ),
                (
                    "performer",
                    models.CharField(
                        choices=[("self", "Yourself (self-massage)"), ("partner", "A partner")],
                        default="self",
                        help_text="Whether the person massages their own feet or a partner gives it.",
                        max_length=7,
                        verbose_name="who massages",
                    ),
                ),
                (
                    "tools",
                    models.ManyToManyField(
                        blank=True,
                        help_text="What it needs besides hands; none for hands only.",
                        related_name="routines",
                        to="routines.tool",
                        verbose_name="tools",
                    ),
                ),
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
                (
                    "image_alt",
                    models.CharField(
                        blank=True,
                        help_text="What your picture shows, in one sentence (only with a picture).",
                        max_length=200,
                        verbose_name="picture description",
                    ),
                ),
                (
                    "image_alt_en",
                    models.CharField(
                        blank=True,
                        help_text="What your picture shows, in one sentence (only with a picture).",
                        max_length=200,
                        null=True,
                        verbose_name="picture description",
                    ),
                ),
                (
                    "image_alt_ru",
                    models.CharField(
                        blank=True,
                        help_text="What your picture shows, in one sentence (only with a picture).",
                        max_length=200,
                        null=True,
                        verbose_name="picture description",
                    ),
                ),
                (
                    "picture",
                    models.ForeignKey(
                        blank=True,
                        help_text="Optional. Without one, the app shows the foot map with the zones this routine works highlighted.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="footcare.picture",
                        verbose_name="picture",
                    ),
                ),
                (
                    "draft_of",
                    models.OneToOneField(
                        blank=True,
                        editable=False,
                        help_text="The published routine these changes are for.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="draft",
                        to="routines.routine",
                        verbose_name="draft of",
                    ),
                ),
            ],
            options={
                "ordering": ["title"],
                "permissions": [("publish_routine", "Can publish and withdraw routines")],
                "verbose_name": "routine",
                "verbose_name_plural": "routines",
            },
        ),
        migrations.CreateModel(
            name="PressureLevel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "level",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "1 · feather"),
                            (2, "2 · light"),
                            (3, "3 · moderate"),
                            (4, "4 · firm"),
                            (5, "5 · deep"),
                        ],
                        unique=True,
                        verbose_name="level",
                    ),
                ),
                (
                    "feels_like",
                    models.TextField(
                        help_text="What this pressure feels like, and where to use it.",
                        verbose_name="feels like",
                    ),
                ),
                (
                    "feels_like_en",
                    models.TextField(
                        help_text="What this pressure feels like, and where to use it.",
                        null=True,
                        verbose_name="feels like",
                    ),
                ),
                (
                    "feels_like_ru",
                    models.TextField(
                        help_text="What this pressure feels like, and where to use it.",
                        null=True,
                        verbose_name="feels like",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
            ],
            options={
                "ordering": ["level"],
                "verbose_name": "pressure level",
                "verbose_name_plural": "pressure levels",
            },
        ),
        migrations.CreateModel(
            name="SafetyScreen",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=120, verbose_name="title")),
                ("title_en", models.CharField(max_length=120, null=True, verbose_name="title")),
                ("title_ru", models.CharField(max_length=120, null=True, verbose_name="title")),
                (
                    "disclaimer",
                    models.TextField(
                        help_text="What massage and reflexology can and cannot do.",
                        verbose_name="disclaimer",
                    ),
                ),
                (
                    "disclaimer_en",
                    models.TextField(
                        help_text="What massage and reflexology can and cannot do.",
                        null=True,
                        verbose_name="disclaimer",
                    ),
                ),
                (
                    "disclaimer_ru",
                    models.TextField(
                        help_text="What massage and reflexology can and cannot do.",
                        null=True,
                        verbose_name="disclaimer",
                    ),
                ),
                (
                    "screen",
                    models.TextField(
                        help_text="Shown before the first session, above the list of conditions under which not to massage (the contraindications that apply to every routine).",
                        verbose_name="safety screen",
                    ),
                ),
                (
                    "screen_en",
                    models.TextField(
                        help_text="Shown before the first session, above the list of conditions under which not to massage (the contraindications that apply to every routine).",
                        null=True,
                        verbose_name="safety screen",
                    ),
                ),
                (
                    "screen_ru",
                    models.TextField(
                        help_text="Shown before the first session, above the list of conditions under which not to massage (the contraindications that apply to every routine).",
                        null=True,
                        verbose_name="safety screen",
                    ),
                ),
                (
                    "preparation",
                    models.TextField(
                        help_text="How to prepare before any routine.", verbose_name="preparation"
                    ),
                ),
                (
                    "preparation_en",
                    models.TextField(
                        help_text="How to prepare before any routine.",
                        null=True,
                        verbose_name="preparation",
                    ),
                ),
                (
                    "preparation_ru",
                    models.TextField(
                        help_text="How to prepare before any routine.",
                        null=True,
                        verbose_name="preparation",
                    ),
                ),
                (
                    "aftercare",
                    models.TextField(
                        help_text="What to do after a routine.", verbose_name="aftercare"
                    ),
                ),
                (
                    "aftercare_en",
                    models.TextField(
                        help_text="What to do after a routine.", null=True, verbose_name="aftercare"
                    ),
                ),
                (
                    "aftercare_ru",
                    models.TextField(
                        help_text="What to do after a routine.", null=True, verbose_name="aftercare"
                    ),
                ),
                (
                    "when_to_stop",
                    models.TextField(
                        help_text="Signs to stop at once, and when to see a doctor.",
                        verbose_name="when to stop",
                    ),
                ),
                (
                    "when_to_stop_en",
                    models.TextField(
                        help_text="Signs to stop at once, and when to see a doctor.",
                        null=True,
                        verbose_name="when to stop",
                    ),
                ),
                (
                    "when_to_stop_ru",
                    models.TextField(
                        help_text="Signs to stop at once, and when to see a doctor.",
                        null=True,
                        verbose_name="when to stop",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
            ],
            options={
                "verbose_name": "safety screen",
                "verbose_name_plural": "safety screen",
            },
        ),
        migrations.CreateModel(
            name="Step",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "position",
                    models.PositiveIntegerField(db_index=True, default=0, verbose_name="position"),
                ),
                ("title", models.CharField(max_length=120, verbose_name="title")),
                ("title_en", models.CharField(max_length=120, null=True, verbose_name="title")),
                ("title_ru", models.CharField(max_length=120, null=True, verbose_name="title")),
                ("instruction", models.TextField(verbose_name="instruction")),
                ("instruction_en", models.TextField(null=True, verbose_name="instruction")),
                ("instruction_ru", models.TextField(null=True, verbose_name="instruction")),
                (
                    "foot",
                    models.CharField(
                        choices=[
                            ("left", "Left foot"),
                            ("right", "Right foot"),
                            ("both", "Both feet"),
                        ],
                        max_length=5,
                        verbose_name="foot",
                    ),
                ),
                (
                    "pressure",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "1 · feather"),
                            (2, "2 · light"),
                            (3, "3 · moderate"),
                            (4, "4 · firm"),
                            (5, "5 · deep"),
                        ],
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="pressure",
                    ),
                ),
                (
                    "duration_seconds",
                    models.PositiveIntegerField(
                        help_text="The whole step, all repetitions included.",
                        validators=[
                            django.core.validators.MinValueValidator(5),
                            django.core.validators.MaxValueValidator(1800),
                        ],
                        verbose_name="duration in seconds",
                    ),
                ),
                (
                    "repetitions",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(100),
                        ],
                        verbose_name="repetitions",
                    ),
                ),
                ("tip", models.TextField(blank=True, verbose_name="tip")),
                ("tip_en", models.TextField(blank=True, null=True, verbose_name="tip")),
                ("tip_ru", models.TextField(blank=True, null=True, verbose_name="tip")),
                (
                    "narration",
                    models.TextField(
                        blank=True,
                        help_text="Optional text for text-to-speech; the instruction is used if empty.",
                        verbose_name="narration",
                    ),
                ),
                (
                    "narration_en",
                    models.TextField(
                        blank=True,
                        help_text="Optional text for text-to-speech; the instruction is used if empty.",
                        null=True,
                        verbose_name="narration",
                    ),
                ),
                (
                    "narration_ru",
                    models.TextField(
                        blank=True,
                        help_text="Optional text for text-to-speech; the instruction is used if empty.",
                        null=True,
                        verbose_name="narration",
                    ),
                ),
                (
                    "routine",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="steps",
                        to="routines.routine",
                        verbose_name="routine",
                    ),
                ),
                (
                    "zones",
                    models.ManyToManyField(
                        blank=True, related_name="steps", to="zones.zone", verbose_name="zones"
                    ),
                ),
                (
                    "technique",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="steps",
                        to="routines.technique",
                        verbose_name="technique",
                    ),
                ),
                (
                    "area",
                    models.ForeignKey(
                        blank=True,
                        help_text="The whole area the step works (the whole sole, the ankle). A step names an area, zones, or both; its pressure may not exceed any of their limits.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="steps",
                        to="zones.area",
                        verbose_name="area",
                    ),
                ),
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
                (
                    "original",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="routines.step",
                        verbose_name="original step",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "pk"],
                "verbose_name": "step",
                "verbose_name_plural": "steps",
            },
        ),
        migrations.AddConstraint(
            model_name="routine",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("draft_of__isnull", True), ("status", "draft"), _connector="OR"
                ),
                name="a_draft_of_changes_is_never_published",
            ),
        ),
        migrations.AlterModelOptions(
            name="routine",
            options={
                "ordering": ["title"],
                "permissions": [
                    ("publish_routine", "Can publish and withdraw routines"),
                    ("review_routine", "Can approve routines for readers"),
                ],
                "verbose_name": "routine",
                "verbose_name_plural": "routines",
            },
        ),
        migrations.CreateModel(
            name="Approval",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "version",
                    models.CharField(
                        help_text="SHA-256 of the approved content.",
                        max_length=64,
                        verbose_name="version",
                    ),
                ),
                ("reviewer_name", models.CharField(max_length=150, verbose_name="reviewer's name")),
                (
                    "reviewer_role",
                    models.CharField(
                        help_text="As readers are told, e.g. podiatrist, physiotherapist, nurse.",
                        max_length=120,
                        verbose_name="reviewer's role",
                    ),
                ),
                (
                    "approved_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="approved at"
                    ),
                ),
                ("comment", models.TextField(blank=True, verbose_name="comment")),
                (
                    "reviewer",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewer",
                    ),
                ),
                (
                    "routine",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for an approval of the safety screen.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="approvals",
                        to="routines.routine",
                        verbose_name="routine",
                    ),
                ),
            ],
            options={
                "verbose_name": "approval",
                "verbose_name_plural": "approvals",
                "ordering": ["-approved_at", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="routine",
            name="approval",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="routines.approval",
                verbose_name="approval",
            ),
        ),
        migrations.AddIndex(
            model_name="approval",
            index=models.Index(
                fields=["routine", "version"], name="routines_ap_routine_2ad4fc_idx"
            ),
        ),
        migrations.CreateModel(
            name="PreviewLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "key",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="key"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="created at"
                    ),
                ),
                ("expires_at", models.DateTimeField(verbose_name="expires at")),
                (
                    "revoked_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="revoked at"),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "routine",
                    models.ForeignKey(
                        help_text="The routine, or draft of changes, the link shows.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="preview_links",
                        to="routines.routine",
                        verbose_name="routine",
                    ),
                ),
            ],
            options={
                "verbose_name": "preview link",
                "verbose_name_plural": "preview links",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="routine",
            name="publish_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="Published (a draft of changes: over its routine) at this time.",
                null=True,
                verbose_name="publish at",
            ),
        ),
        migrations.AddField(
            model_name="routine",
            name="scheduled_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="scheduled by",
            ),
        ),
        migrations.AddField(
            model_name="routine",
            name="withdraw_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="Withdrawn from the apps at this time.",
                null=True,
                verbose_name="withdraw at",
            ),
        ),
        migrations.AddField(
            model_name="safetyscreen",
            name="approval",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="routines.approval",
                verbose_name="approval",
            ),
        ),
        migrations.AddField(
            model_name="safetyscreen",
            name="is_draft",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="draft of changes"
            ),
        ),
        migrations.AddConstraint(
            model_name="safetyscreen",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("is_draft", False), ("pk", 1)),
                    models.Q(("is_draft", True), ("pk", 2)),
                    _connector="OR",
                ),
                name="one_safety_screen_and_one_draft",
            ),
        ),
        migrations.RunPython(
            importlib.import_module("routines.migrations.0002_editors_group").create_editors,
            importlib.import_module("routines.migrations.0002_editors_group").remove_editors,
        ),
        migrations.RunPython(
            importlib.import_module("routines.migrations.0012_reviewers_group").create_reviewers,
            importlib.import_module("routines.migrations.0012_reviewers_group").remove_reviewers,
        ),
    ]
