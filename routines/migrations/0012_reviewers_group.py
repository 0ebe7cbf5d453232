"""The "Reviewers" group (clinicians): may read all content and approve routines for readers,
and change nothing. Editors do not approve: the review permission is not theirs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ["zones", "routines"]
REVIEW = "review_routine"


def create_reviewers(apps, schema_editor):
    for label in ["auth", "contenttypes", *CONTENT_APPS]:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.set(content.filter(codename__startswith="view_") | content.filter(codename=REVIEW))
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(*content.filter(codename=REVIEW))


def remove_reviewers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Reviewers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("routines", "0011_approvals"),
        ("zones", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_reviewers, remove_reviewers)]
