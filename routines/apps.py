from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate

if TYPE_CHECKING:
    from footcare.api.sync import SyncResource
    from footcare.content.packs import PackLoader


class RoutinesConfig(AppConfig):
    """Benefits, techniques, contraindications and guided routines of timed steps."""

    name = "routines"
    verbose_name = "Routines"

    def ready(self) -> None:
        from routines import guards, history, journal, signals  # noqa: F401  (signals on import)
        from routines.permissions import grant_editors_content_permissions

        journal.connect()
        guards.connect()
        history.connect()
        post_migrate.connect(grant_editors_content_permissions, sender=self)

    @property
    def content_pack(self) -> Path:
        """The shipped content pack: the YAML files in this app's ``data/`` folder."""
        return Path(self.path) / "data"

    def load_content_pack(self, loader: "PackLoader", folder: Path) -> None:
        from routines.content import load_pack

        load_pack(loader, folder)

    def export_content_pack(self) -> dict[str, dict[str, Any]]:
        from routines.content import export_pack

        return export_pack()

    def sync_resources(self) -> list["SyncResource"]:
        from routines.sync import RESOURCES

        return RESOURCES
