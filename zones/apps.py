"""The foot map app, and the hooks it gives the shared machinery (``footcare.hooks``)."""

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from footcare.api.app_hooks import ApiApp
from footcare.content.pack_apps import ContentPackApp

if TYPE_CHECKING:
    from footcare.admin.dashboard import Tally, Viewer
    from footcare.content.labels import LabelSet


class ZonesConfig(ApiApp, ContentPackApp, AppConfig):
    """The foot map: reflex zones of both feet and the body parts they are linked to.

    Its hooks (``footcare.hooks.AppHooks`` says who calls each): the API's four come with
    ``ApiApp``, read from its ``api`` package; the content pack's with ``ContentPackApp``;
    the rest are its methods below ``ready()``.
    """

    name = "zones"
    verbose_name = _("Foot map")

    def ready(self) -> None:
        from zones.content import history, journal

        journal.connect()
        history.connect()

    def label_sets(self) -> list["LabelSet"]:
        from zones.labels import LABEL_SETS

        return LABEL_SETS

    def dashboard_tallies(self, viewer: "Viewer") -> list["Tally"]:
        from zones.admin.dashboard import tallies

        return tallies(viewer)
