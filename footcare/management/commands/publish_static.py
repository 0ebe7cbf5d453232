import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError, connection

from footcare.api.publishing import Publication, publish, published_state
from footcare.api.representations import FORMAT
from footcare.content.journal import version


class Command(BaseCommand):
    """Write every public API answer into DIR as files for nginx, and switch to them at once.

    Once, after a deploy or from a scheduler; or ``--watch``: a worker that republishes
    whenever the content journal moves, whoever made the change (any app server, the admin,
    the loader, a shell). What a change shows goes live first, the full syncs (seconds to
    render) once a look finds nothing newer; until then nginx passes them to the app. Run it
    beside nginx, on the machine whose disk nginx serves.
    """

    help = "Publish every public API answer as static files under DIR (see deploy/nginx/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Where nginx serves the tree from.")
        parser.add_argument(
            "--origin",
            default=settings.PUBLIC_ORIGIN,
            help="Scheme and host clients use, e.g. https://api.example.com; list pages link "
            "to their next page with it (default: DJANGO_PUBLIC_ORIGIN).",
        )
        parser.add_argument(
            "--watch",
            action="store_true",
            help="Keep running; publish again after every content change.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=0.5,
            help="With --watch: seconds between looks at the content version (default 0.5).",
        )

    def handle(
        self, *args: Any, directory: Path, origin: str, watch: bool, interval: float, **options: Any
    ) -> None:
        if not origin.startswith(("http://", "https://")):
            raise CommandError(
                "Say which address clients use: --origin https://api.example.com "
                "(or set DJANGO_PUBLIC_ORIGIN)."
            )
        if not watch:
            self.report(self.publish(directory, origin))
            return
        self.stdout.write(f"Watching the content version every {interval:g} s.")
        while True:
            try:
                live = published_state(directory)
                if live is None or (live.position, live.format) != (version().position, FORMAT):
                    # What changed first; the full syncs when a look finds nothing new.
                    self.report(self.publish(directory, origin, complete=False))
                elif not live.complete:
                    self.report(self.publish(directory, origin, complete=True))
            except OperationalError as error:
                # The database is away: keep serving the last tree, look again later.
                self.stderr.write(f"The database is unavailable ({error}); trying again.")
                connection.close()
            time.sleep(interval)

    def publish(self, directory: Path, origin: str, *, complete: bool = True) -> Publication:
        publication = publish(directory, origin=origin, complete=complete)
        if publication.answers == 0:
            raise CommandError(
                f"Nothing was published: is the host of {origin} in DJANGO_ALLOWED_HOSTS?"
            )
        return publication

    def report(self, done: Publication) -> None:
        self.stdout.write(
            f"Published content version {done.version.position}: {done.answers} answers, "
            f"{done.objects} objects ({done.compressed} compressed now), "
            f"{len(done.left_to_the_application)} left to the application, "
            f"{done.deferred} to follow, in {done.seconds:.2f} s (what changed was live after "
            f"{done.first_step_seconds:.2f} s) -> {done.tree}"
        )
