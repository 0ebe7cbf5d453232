from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig

if TYPE_CHECKING:
    from footcare.api.sync import SyncResource
    from footcare.content.packs import PackLoader


class ZonesConfig(AppConfig):
    """The foot map: reflex zones of both feet and the body parts they are linked to."""

    name = "zones"
    verbose_name = "Foot map"

    def ready(self) -> None:
        from zones import history, journal

        journal.connect()
        history.connect()

    @property
    def content_pack(self) -> Path:
        """The shipped content pack: the YAML files in this app's ``data/`` folder."""
        return Path(self.path) / "data"

    def load_content_pack(self, loader: "PackLoader", folder: Path) -> None:
        from zones.content import load_pack

        load_pack(loader, folder)

    def export_content_pack(self) -> dict[str, dict[str, Any]]:
        from zones.content import export_pack

        return export_pack()

    def sync_resources(self) -> list["SyncResource"]:
        from zones.sync import RESOURCES

        return RESOURCES
