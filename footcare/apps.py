"""The project's AppConfig, and the static files app as the project installs it."""

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from footcare.content.labels import LabelSet
    from footcare.content.rules import Rule


class FootcareConfig(AppConfig):
    """Cross-cutting pieces: API conventions, health checks, content pack commands."""

    # This module also holds the static files app as the project installs it: the project's
    # own app is the one Django picks for "footcare".
    default = True
    name = "footcare"
    verbose_name = _("Content service")

    def ready(self) -> None:
        from footcare import checks  # noqa: F401  (registers the checks on import)
        from footcare.admin import webhooks  # noqa: F401  (registers its admins on import)
        from footcare.content.identity import follow_renames
        from footcare.content.picture_pruning import guard_restores

        follow_renames()
        guard_restores()

    def content_rules(self) -> list["Rule"]:
        from footcare.content.wording import RULES

        return RULES

    def label_sets(self) -> list["LabelSet"]:
        from footcare.content.picture_labels import LABEL_SETS

        return LABEL_SETS


class StaticFilesWithoutUnusedVendorStyles(StaticFilesConfig):
    """``django.contrib.staticfiles``, leaving out jQuery UI's stylesheets.

    The admin uses jQuery UI's script only (modeltranslation's tabs bring their own styles).
    Its theme stylesheet names icons in a comment in a way the production storage cannot
    resolve, so ``collectstatic`` would fail on files nobody loads.
    """

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "jquery-ui*.css", "themes"]
