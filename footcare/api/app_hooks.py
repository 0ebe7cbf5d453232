"""What an app that serves part of ``/api/v1/`` adds to its AppConfig (see footcare.hooks).

Its four API hooks, read from the app's ``api`` package by one convention, so that a new app
writes modules, not another copy of the same four methods: ``api/urls.py`` holds its URL
patterns and ``INDEX_LINKS``; ``api/sync.py`` its ``RESOURCES`` and ``LEAN_RESOURCES``. Like
``footcare.content.pack_apps``, imported before any model may be: the modules are read when a
hook is called.
"""

from typing import TYPE_CHECKING

from footcare.hooks import ByConvention

if TYPE_CHECKING:
    from footcare.api.index_links import IndexLink
    from footcare.api.sync import SyncResource


class ApiApp(ByConvention):
    """An AppConfig mixin: the app's routes, front-door links and sync resources come from
    its ``api.urls`` and ``api.sync`` modules."""

    def api_urlconfs(self) -> list[str]:
        return [f"{self.name}.api.urls"]

    def index_links(self) -> list["IndexLink"]:
        return self._read("api.urls", "INDEX_LINKS")

    def sync_resources(self) -> list["SyncResource"]:
        return self._read("api.sync", "RESOURCES")

    def lean_sync_resources(self) -> list["SyncResource"]:
        return self._read("api.sync", "LEAN_RESOURCES")
