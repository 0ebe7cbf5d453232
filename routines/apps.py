from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.db.models.signals import post_migrate

if TYPE_CHECKING:
    from footcare.api.sync import SyncResource


class RoutinesConfig(AppConfig):
    """Benefits, techniques, contraindications and guided routines of timed steps."""

    name = "routines"
    verbose_name = "Routines"

    def ready(self) -> None:
        from routines import guards, journal, signals  # noqa: F401  (signals connects on import)
        from routines.permissions import grant_editors_content_permissions

        journal.connect()
        guards.connect()
        post_migrate.connect(grant_editors_content_permissions, sender=self)

    def load_content_pack(self) -> str:
        from routines.content import load_pack

        return load_pack()

    def sync_resources(self) -> list["SyncResource"]:
        from routines.sync import RESOURCES

        return RESOURCES
