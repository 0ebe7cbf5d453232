from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from footcare.content.packs import write_pack
from footcare.hooks import AppHooks, providers


class Command(BaseCommand):
    """Write all content, drafts included, as a content pack that load_content reads.

    One subfolder per app (``DIR/zones/``, ``DIR/routines/``), every language, geometry, step
    order and publication status. The output is deterministic: exporting the same content
    twice gives the same bytes, so exports can be compared and kept in version control.
    """

    help = "Export all content as a pack folder (one subfolder per app)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="Where to write the pack.")

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        for config in providers(AppHooks.export_content_pack):
            target = folder / config.label
            for old in target.glob("*.yaml"):
                old.unlink()  # a file the content no longer needs must not linger
            documents = config.export_content_pack()
            write_pack(target, documents)
            self.stdout.write(f"{config.label}: {len(documents)} files in {target}")
