"""The Editors group keeps every content permission, also of content models added later, but
the reviewers' own: approving is a clinician's (the Reviewers group), not an editor's."""

from typing import Any

from django.contrib.auth.models import Group, Permission

CONTENT_APPS = ["zones", "routines"]
REVIEW_PERMISSION = "review_routine"


def grant_editors_content_permissions(**_: Any) -> None:
    """Runs after every ``migrate`` (post_migrate), once Django has made new permissions."""
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=CONTENT_APPS).exclude(
                codename=REVIEW_PERMISSION
            )
        )
