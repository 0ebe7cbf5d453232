"""The routines app, and the hooks it gives the shared machinery (``footcare.hooks``)."""

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from footcare.api.app_hooks import ApiApp
from footcare.content.pack_apps import ContentPackApp

if TYPE_CHECKING:
    from datetime import datetime

    from footcare.admin.dashboard import Listing, Tally, Viewer
    from footcare.content.labels import LabelSet


class RoutinesConfig(ApiApp, ContentPackApp, AppConfig):
    """Benefits, techniques, contraindications and guided routines of timed steps.

    Its hooks (``footcare.hooks.AppHooks`` says who calls each): the API's four come with
    ``ApiApp``, read from its ``api`` package; the content pack's with ``ContentPackApp``;
    the rest are its methods below ``ready()``.
    """

    name = "routines"
    verbose_name = _("Routines")

    def ready(self) -> None:
        from routines import signals  # noqa: F401  (signals on import)
        from routines.api import warm
        from routines.content import guards, history, journal
        from routines.permissions import grant_content_permissions

        journal.connect()
        guards.connect()
        warm.connect()
        history.connect()
        post_migrate.connect(grant_content_permissions, sender=self)

    def label_sets(self) -> list["LabelSet"]:
        from routines.labels import LABEL_SETS

        return LABEL_SETS

    def apply_schedules(self, now: "datetime") -> list[object]:
        from routines.schedules import apply_due

        return list(apply_due(now))

    def dashboard_tallies(self, viewer: "Viewer") -> list["Tally"]:
        from routines.admin.dashboard import tallies

        return tallies(viewer)

    def dashboard_listings(self, viewer: "Viewer") -> list["Listing"]:
        from routines.admin.dashboard import listings

        return listings(viewer)
