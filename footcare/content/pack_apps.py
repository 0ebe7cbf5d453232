"""What an app that ships a content pack adds to its AppConfig (see footcare.content.packs).

Kept apart from the packs module, which uses models: an AppConfig is imported before any
model may be.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from footcare.hooks import ByConvention

if TYPE_CHECKING:
    from footcare.content.fingerprints import PackItemKind
    from footcare.content.packs import PackLoader
    from footcare.content.rules import Rule


class ContentPackApp(ByConvention):
    """An AppConfig mixin: the app ships a pack in its ``data/`` folder and maps it to its
    models in its ``content`` module (``load_pack(loader, folder)``, ``export_pack()``,
    ``PACK_ITEMS``)."""

    path: str

    @property
    def content_pack(self) -> Path:
        """The shipped content pack: the YAML files in the app's ``data/`` folder."""
        return Path(self.path) / "data"

    def load_content_pack(self, loader: "PackLoader", folder: Path) -> None:
        self._read("content.pack", "load_pack")(loader, folder)

    def export_content_pack(self) -> dict[str, dict[str, Any]]:
        return self._read("content.pack", "export_pack")()

    def content_pack_items(self) -> list["PackItemKind"]:
        """Its top-level pack items and their pack forms: ``PACK_ITEMS`` of its content module."""
        return self._read("content.pack", "PACK_ITEMS")

    def content_rules(self) -> list["Rule"]:
        """The rules its content must keep: ``RULES`` of its ``content.rules`` module."""
        return self._read("content.rules", "RULES")
