from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from footcare.content.guards import deferred


class Command(BaseCommand):
    """Load every app's content pack (YAML under ``<app>/data/``) into the database.

    Apps take part by giving their AppConfig a ``load_content_pack()`` method; they load in
    INSTALLED_APPS order, so zones come before the routines that point at them. Items are
    upserted by slug and saved only when they differ, so re-running is safe and quiet. All
    packs load in one transaction: a broken pack changes nothing.
    """

    help = "Load the content packs of all apps (idempotent upsert by slug)."

    def handle(self, *args: Any, **options: Any) -> None:
        # One transaction, judged as one change by the safety guards: a broken pack, or one
        # that would leave a published routine unsafe, changes nothing.
        with deferred():
            for config in apps.get_app_configs():
                load = getattr(config, "load_content_pack", None)
                if load is None:
                    continue
                summary = load()
                self.stdout.write(f"{config.label}: {summary}")
