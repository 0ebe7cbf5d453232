from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("footcare", "0005_change_ids")]

    operations = [
        migrations.CreateModel(
            name="Picture",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(help_text="SHA-256 of the bytes.", max_length=64, unique=True)),
                ("content_type", models.CharField(max_length=40)),
                ("data", models.BinaryField()),
                ("width", models.PositiveIntegerField()),
                ("height", models.PositiveIntegerField()),
                ("thumbnail", models.BinaryField(blank=True, default=b"")),
                ("thumbnail_width", models.PositiveIntegerField()),
                ("thumbnail_height", models.PositiveIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
    ]
