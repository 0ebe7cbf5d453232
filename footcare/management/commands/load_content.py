from contextlib import nullcontext
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

from footcare.api.response_cache import in_a_process_that_exits_when_done
from footcare.content.findings import ItemRef, by_item, record_check
from footcare.content.guards import deferred, tolerating_what_was_there
from footcare.content.history import revision_per_item
from footcare.content.packs import KeptItem, PackLoader, made_by_an_earlier_release
from footcare.content.rules import Violation, violations
from footcare.hooks import AppHooks, providers
from footcare.management.options import add_dry_run


class DryRun(Exception):
    """Raised at the end of a dry run to roll its transaction back."""


class Command(BaseCommand):
    """Load the content packs: add what is new, keep what editors changed.

    Apps take part through the ``load_content_pack(loader, folder)`` and ``content_pack``
    hooks of their AppConfig (``footcare.hooks.AppHooks``); they load in INSTALLED_APPS order, so
    zones come before the routines that point at them. A pack item the database had before is
    left as it is, unless ``--overwrite``: then the items editors never changed are brought up
    to the pack, and the ones they changed or deleted are listed, untouched, with the content
    rules each breaks once the load is done (``--overwrite-edited`` puts the pack back over
    those too). Everything loads in one transaction, validated and judged by the safety guards
    as one change once every item, part and link is written: a broken pack changes nothing.
    History gets a revision of its own for each item written ("Loaded from the content
    pack"), so that restoring one puts back that item only.
    """

    help = (
        "Load content packs: create new items; with --overwrite, bring the items editors "
        "never changed up to the pack (see what would change with --dry-run)."
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
            help="Bring every item editors never changed up to the pack; list the items they "
            "changed or deleted, with the content rules each breaks, and leave them alone.",
        )
        parser.add_argument(
            "--overwrite-edited",
            action="store_true",
            help="Put the pack's version back over editors' changes too, and re-create the "
            "items they deleted (their work is undone: see it first with --dry-run).",
        )
        add_dry_run(parser, "Print what would change, field by field, and change nothing.")

    def handle(
        self,
        *args: Any,
        folder: Path | None,
        overwrite: bool,
        overwrite_edited: bool,
        dry_run: bool,
        **options: Any,
    ) -> None:
        configs = providers(AppHooks.load_content_pack)
        if folder is not None and not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        loaders: list[tuple[Any, PackLoader]] = []
        breaking: dict[ItemRef | None, list[Violation]] = {}
        overwrite = overwrite or overwrite_edited
        try:
            with in_a_process_that_exits_when_done(), transaction.atomic():
                with (
                    tolerating_what_was_there() if overwrite else nullcontext(),
                    deferred(),
                    revision_per_item("Loaded from the content pack"),
                ):
                    loaders = self.load(configs, folder, overwrite, overwrite_edited)
                # The guards have judged the whole load: what breaks which rules now?
                found = self.rules_after(loaders, dry_run=dry_run, overwrite=overwrite)
                breaking = by_item(found or [])
                if dry_run:
                    raise DryRun
                if found is not None:  # for the editors' dashboard, committed with the load
                    record_check(found)
        except DryRun:
            pass
        except (ValidationError, ValueError, KeyError) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            raise CommandError("The pack was not loaded: " + " ".join(messages)) from error
        for config, loader in loaders:
            if dry_run:
                for change in loader.changes:
                    self.stdout.write(f"  {change}")
            prefix = "would be (dry run, nothing changed): " if dry_run else ""
            self.stdout.write(f"{config.label}: {prefix}{loader.summary()}")
            for kept in loader.edited:
                self.write_kept(kept, breaking.get(ItemRef(kept.model, kept.key), []))
        if breaking.get(None):
            self.stdout.write("The content as a whole breaks:")
            for violation in breaking[None]:
                self.stdout.write(f"    {violation}")

    @staticmethod
    def rules_after(
        loaders: list[Any], *, dry_run: bool, overwrite: bool
    ) -> list[Violation] | None:
        """Every content rule over the content as the load leaves it, when there are kept
        items to report on or an overwrite to report to the dashboard; None otherwise: the
        rules take seconds, and `make run` loads at every start."""
        kept = any(loader.edited for _config, loader in loaders)
        if not (kept or (overwrite and not dry_run)):
            return None
        with translation.override("en"):
            return violations()

    def load(
        self, configs: list[Any], folder: Path | None, overwrite: bool, overwrite_edited: bool
    ) -> list[tuple[Any, PackLoader]]:
        """Every app's pack, then what the shipped pack no longer has, then the end state
        validated: one change, judged by the guards as a whole when the caller's block ends."""
        loaders: list[tuple[Any, PackLoader]] = []
        upgrading = made_by_an_earlier_release()
        for config in configs:
            source = config.content_pack if folder is None else folder / config.label
            if not source.is_dir():
                self.stdout.write(f"{config.label}: no pack at {source}, skipped")
                continue
            loader = PackLoader(
                overwrite=overwrite, overwrite_edited=overwrite_edited, upgrading=upgrading
            )
            config.load_content_pack(loader, source)
            loaders.append((config, loader))
        if folder is None:  # the shipped pack: what it no longer has is retired
            for config, loader in reversed(loaders):
                loader.retire_dropped(config.content_pack_items())
        for _config, loader in loaders:
            loader.finish()
        return loaders

    def write_kept(self, kept: KeptItem, broken: list[Violation]) -> None:
        """One item an overwrite left to its editors, and the rules it breaks."""
        if kept.deleted:
            self.stdout.write(f"  kept: {kept.label}: deleted by editors, not re-created")
            return
        if kept.fields == ["*"]:
            said = "not written by the pack (editors made or changed it)"
        elif kept.fields:
            said = f"changed by editors ({', '.join(kept.fields)})"
        else:
            said = "no longer in the pack"
        if kept.used_by:
            said += f", still used by {', '.join(kept.used_by)}"
        rules = f"; breaks {len(broken)} content rule(s):" if broken else "; breaks no content rule"
        self.stdout.write(f"  kept: {kept.label}: {said}{rules}")
        for violation in broken:
            self.stdout.write(f"    {violation}")
