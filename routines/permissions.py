"""What the two roles may do with content, also with content models added later: Editors
every content permission but the review, Reviewers (clinicians) reading all content and the
review, which is theirs alone."""

from typing import Any

from django.contrib.auth.models import Group, Permission

CONTENT_APPS = ["zones", "routines"]
REVIEW_PERMISSION = "review_routine"


def grant_content_permissions(**_: Any) -> None:
    """Runs after every ``migrate`` (post_migrate), once Django has made new permissions.

    The groups' migrations gave them the permissions of the models of their day; a model
    added since (area shapes, preview links) gets its permissions here, on a new database
    and an upgraded one alike."""
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(*content.exclude(codename=REVIEW_PERMISSION))
    reviewers = Group.objects.filter(name="Reviewers").first()
    if reviewers is not None:
        reviewers.permissions.add(*content.filter(codename__startswith="view_"))
