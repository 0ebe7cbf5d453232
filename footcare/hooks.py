"""Every hook an app can provide, in one place: the methods of its AppConfig the core calls.

The core knows no app (import-linter holds it): it asks the installed apps instead, through
``providers`` and ``contributions``, in the order of INSTALLED_APPS (zones before the
routines that point at them). An app provides a hook by defining the method on its AppConfig
(``zones/apps.py``, ``routines/apps.py``); the API's four hooks come with the ``ApiApp``
mixin (``footcare.api.app_hooks``), a content pack's with ``ContentPackApp``
(``footcare.content.pack_apps``): each reads the app's modules by one convention. Each
hook is optional: an app without a dashboard simply has no ``dashboard_tallies``.

Registrations that are not hooks happen in each app's ``ready()``: its ``content`` package
connects the journal, the guards and history. ``manage.py explain_model app.Model`` prints
what those registrations do for one model.
"""

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

from django.apps import AppConfig, apps

if TYPE_CHECKING:
    from datetime import datetime

    from footcare.admin.dashboard import Listing, Tally, Viewer
    from footcare.api.index_links import IndexLink
    from footcare.api.sync import SyncResource
    from footcare.content.fingerprints import PackItemKind
    from footcare.content.labels import LabelSet
    from footcare.content.packs import PackLoader
    from footcare.content.rules import Rule

P = ParamSpec("P")
T = TypeVar("T")


class AppHooks(Protocol):
    """What an app's AppConfig may provide; each method says who calls it."""

    def api_urlconfs(self) -> list[str]:
        """Modules of URL patterns to mount under ``/api/v1/``: footcare.urls, which mounts
        them in app order (the order of the contract's paths)."""
        ...

    def index_links(self) -> list["IndexLink"]:
        """Links to its collections for the API's front door (``/api/v1/``):
        footcare.api.views.index, which lists them in app order before its own."""
        ...

    def sync_resources(self) -> list["SyncResource"]:
        """Kinds of items ``/sync/`` sends, with copies of what they embed:
        footcare.api.sync (the sync views, stored answers' warming and publishing)."""
        ...

    def lean_sync_resources(self) -> list["SyncResource"]:
        """Kinds of items ``/sync/lean/`` sends, each once: footcare.api.sync."""
        ...

    def label_sets(self) -> list["LabelSet"]:
        """Labels and explanations of the enum values its answers use, by the contract's enum
        name: footcare.content.labels (``/api/v1/labels/`` and the syncs)."""
        ...

    @property
    def content_pack(self) -> Path:
        """The folder of its shipped content pack: ``manage.py load_content``."""
        ...

    def load_content_pack(self, loader: "PackLoader", folder: Path) -> None:
        """Load its pack from ``folder`` through ``loader``: ``manage.py load_content``."""
        ...

    def export_content_pack(self) -> dict[str, dict[str, Any]]:
        """Its content as pack documents by file name: ``manage.py export_content``."""
        ...

    def content_pack_items(self) -> list["PackItemKind"]:
        """Its top-level pack items and their pack forms: footcare.content.fingerprints
        (whether editors changed an item), ``load_content`` (items the pack dropped)."""
        ...

    def content_rules(self) -> list["Rule"]:
        """The rules its content must keep: footcare.content.rules (``check_content``, the
        dashboard's findings, ``load_content``'s report)."""
        ...

    def apply_schedules(self, now: "datetime") -> list[object]:
        """Publish and withdraw what editors scheduled for ``now`` or before; what it did, one
        item a line: footcare.content.schedules (the edge watcher's every look,
        ``manage.py apply_schedules``)."""
        ...

    def dashboard_tallies(self, viewer: "Viewer") -> list["Tally"]:
        """How many items of each kind, for the editors' dashboard: footcare.admin.dashboard."""
        ...

    def dashboard_listings(self, viewer: "Viewer") -> list["Listing"]:
        """Items waiting for an editor, for the dashboard: footcare.admin.dashboard."""
        ...


# Every hook's name; a method of that name on an AppConfig is taken for the hook.
HOOKS = tuple(
    name for name in vars(AppHooks) if not name.startswith("_") and name not in vars(Protocol)
)


class ByConvention:
    """An AppConfig mixin for hooks that read the app's own modules by fixed names (the API's
    ``ApiApp``, the content pack's ``ContentPackApp``)."""

    name: str

    def _read(self, module: str, attribute: str) -> Any:
        """``attribute`` of the app's ``module`` (``api.sync``, ``content.pack`` …), imported
        when a hook asks: an AppConfig is imported before any model may be."""
        return getattr(import_module(f"{self.name}.{module}"), attribute)


def providers(hook: Callable[..., Any] | property) -> list[Any]:
    """The AppConfigs that provide ``hook`` (``AppHooks.load_content_pack``), in app order.

    Typed ``Any``: each of them has the hook, which an ``AppConfig`` type does not say.
    """
    name = _name(hook)
    return [config for config in apps.get_app_configs() if hasattr(config, name)]


def contributions(
    hook: Callable[Concatenate[Any, P], list[T]], *args: P.args, **kwargs: P.kwargs
) -> list[T]:
    """What every app gives for a hook that returns a list, in app order:
    ``contributions(AppHooks.dashboard_tallies, viewer)``."""
    name = _name(hook)
    return [part for config in providers(hook) for part in getattr(config, name)(*args, **kwargs)]


def provided(config: AppConfig) -> list[str]:
    """The hooks ``config`` provides, in ``AppHooks``' order (``explain_model``, tests)."""
    return [name for name in HOOKS if hasattr(config, name)]


def _name(hook: Callable[..., Any] | property) -> str:
    name: str = hook.fget.__name__ if isinstance(hook, property) else hook.__name__  # type: ignore[union-attr]
    if name not in HOOKS:
        raise ValueError(f"{name} is not a hook: AppHooks in footcare.hooks names them all.")
    return name
