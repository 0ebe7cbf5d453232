from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from footcare.api.sync import SyncResource


class ZonesConfig(AppConfig):
    """The foot map: reflex zones of both feet and the body parts they are linked to."""

    name = "zones"
    verbose_name = "Foot map"

    def ready(self) -> None:
        from zones import journal

        journal.connect()

    def load_content_pack(self) -> str:
        from zones.content import load_pack

        return load_pack()

    def sync_resources(self) -> list["SyncResource"]:
        from zones.sync import RESOURCES

        return RESOURCES
