from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from footcare.api.representations import in_a_process_that_exits_when_done
from footcare.content.guards import deferred
from footcare.content.history import revision_per_item
from footcare.content.packs import PackLoader


class DryRun(Exception):
    """Raised at the end of a dry run to roll its transaction back."""


class Command(BaseCommand):
    """Load the content packs: add what is new, keep what editors changed.

    Apps take part by giving their AppConfig a ``load_content_pack(loader, folder)`` method
    and a ``content_pack`` folder (the shipped pack); they load in INSTALLED_APPS order, so
    zones come before the routines that point at them. A pack item the database had before is
    left as editors left it, unless ``--overwrite``. Everything loads in one transaction,
    judged by the safety guards as one change: a broken pack changes nothing. History gets a
    revision of its own for each item written ("Loaded from the content pack"), so that
    restoring one puts back that item only.
    """

    help = (
        "Load content packs: create new items, never overwrite what editors own "
        "(unless --overwrite; see what would change with --dry-run)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "folder",
            nargs="?",
            type=Path,
            help="A pack folder with one subfolder per app (zones/, routines/), as "
            "export_content writes it. Default: the shipped pack, each app's data/ folder.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Put the pack's version back over editors' changes, and re-create deleted items.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would change, field by field, and change nothing.",
        )

    def handle(
        self, *args: Any, folder: Path | None, overwrite: bool, dry_run: bool, **options: Any
    ) -> None:
        configs: list[Any] = [
            config for config in apps.get_app_configs() if hasattr(config, "load_content_pack")
        ]
        if folder is not None and not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        loaders: list[tuple[str, PackLoader]] = []
        try:
            with (
                in_a_process_that_exits_when_done(),
                deferred(),
                revision_per_item("Loaded from the content pack"),
            ):
                for config in configs:
                    source = config.content_pack if folder is None else folder / config.label
                    if not source.is_dir():
                        self.stdout.write(f"{config.label}: no pack at {source}, skipped")
                        continue
                    loader = PackLoader(overwrite=overwrite)
                    config.load_content_pack(loader, source)
                    loaders.append((config.label, loader))
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        except (ValidationError, ValueError, KeyError) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            raise CommandError("The pack was not loaded: " + " ".join(messages)) from error
        for label, loader in loaders:
            if dry_run:
                for change in loader.changes:
                    self.stdout.write(f"  {change}")
            prefix = "would be (dry run, nothing changed): " if dry_run else ""
            self.stdout.write(f"{label}: {prefix}{loader.summary()}")
