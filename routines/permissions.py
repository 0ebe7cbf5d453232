"""The Editors group keeps every content permission, also of content models added later."""

from typing import Any

from django.contrib.auth.models import Group, Permission

CONTENT_APPS = ["zones", "routines"]


def grant_editors_content_permissions(**_: Any) -> None:
    """Runs after every ``migrate`` (post_migrate), once Django has made new permissions."""
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
        )
