"""The foot map app, and the hooks it gives the shared machinery (``footcare.hooks``)."""

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from footcare.content.pack_apps import ContentPackApp

if TYPE_CHECKING:
    from footcare.admin.dashboard import Tally, Viewer
    from footcare.api.index_links import IndexLink
    from footcare.api.sync import SyncResource
    from footcare.content.labels import LabelSet


class ZonesConfig(ContentPackApp, AppConfig):
    """The foot map: reflex zones of both feet and the body parts they are linked to.

    Its methods below ``ready()`` are hooks: ``footcare.hooks.AppHooks`` says who calls each.
    """

    name = "zones"
    verbose_name = _("Foot map")

    def ready(self) -> None:
        from zones.content import history, journal

        journal.connect()
        history.connect()

    def api_urlconfs(self) -> list[str]:
        return ["zones.api.urls"]

    def index_links(self) -> list["IndexLink"]:
        from zones.api.urls import INDEX_LINKS

        return INDEX_LINKS

    def sync_resources(self) -> list["SyncResource"]:
        from zones.api.sync import RESOURCES

        return RESOURCES

    def lean_sync_resources(self) -> list["SyncResource"]:
        from zones.api.sync import LEAN_RESOURCES

        return LEAN_RESOURCES

    def label_sets(self) -> list["LabelSet"]:
        from zones.labels import LABEL_SETS

        return LABEL_SETS

    def dashboard_tallies(self, viewer: "Viewer") -> list["Tally"]:
        from zones.admin.dashboard import tallies

        return tallies(viewer)
