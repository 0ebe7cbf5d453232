from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from footcare.content.rules import Rule


class FootcareConfig(AppConfig):
    """Cross-cutting pieces: API conventions, health checks, content pack commands."""

    name = "footcare"
    verbose_name = _("Content service")

    def ready(self) -> None:
        from footcare import checks  # noqa: F401  (registers the checks on import)
        from footcare.content.identity import follow_renames
        from footcare.content.picture_pruning import guard_restores

        follow_renames()
        guard_restores()

    def content_rules(self) -> list["Rule"]:
        from footcare.content.wording import RULES

        return RULES
