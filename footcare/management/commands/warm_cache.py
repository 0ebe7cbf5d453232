from typing import Any

from django.core.management.base import BaseCommand
from django.urls import reverse

from footcare.api.response_cache import warm
from footcare.api.sync import sync_resources


class Command(BaseCommand):
    """Build the stored representation of every list and detail, in every language.

    Run after a deploy or a cache flush so that the first readers get stored bytes too.
    """

    help = "Warm the API representation cache for every list and detail in every language."

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [reverse("v1:sync")]
        for resource in sync_resources():
            paths += resource.all_paths()
        built = warm(paths)
        self.stdout.write(f"Stored {built} representations ({len(paths)} paths per language).")
