from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from footcare.content.findings import record_check
from footcare.content.rules import violations


class Command(BaseCommand):
    """Check the content in the database against every content rule, and list what breaks.

    The map agrees with the text, sources can be followed, routines cover the map in the
    order practitioners teach, texts use the glossary's words. Each violation is printed
    with where to find it; the command fails if there is any, so CI can run it after
    ``load_content`` and an editor can run it after a round of edits. What it finds is kept
    for the editors' dashboard (``ContentCheck``).
    """

    help = "Check all content against the content rules; exit non-zero on any violation."

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("en"):
            found = violations()
        record_check(found)
        for violation in found:
            self.stdout.write(str(violation))
        if found:
            raise CommandError(f"{len(found)} content rule violation(s).")
        self.stdout.write(self.style.SUCCESS("The content keeps every rule."))
