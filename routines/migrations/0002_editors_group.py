"""The "Editors" group: may add, change, delete and publish content, and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ["zones", "routines"]


def create_editors(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the group can
    # hold them on a fresh database.
    for label in ["auth", "contenttypes", *CONTENT_APPS]:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(Permission.objects.filter(content_type__app_label__in=CONTENT_APPS))


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("routines", "0001_initial"),
        ("zones", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
