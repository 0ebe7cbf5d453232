import signal
import time
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from footcare.edge.tree import Tree
from footcare.edge.watcher import NothingRendered, Watcher


class Command(BaseCommand):
    """Write every public API answer into DIR as files for nginx, and switch to them at once.

    Once, after a deploy or from a scheduler; or ``--watch``: a worker that republishes
    whenever the content journal moves, whoever made the change (any app server, the admin,
    the loader, a shell). What a change shows goes live first, the full syncs (seconds to
    render) once a look finds nothing newer; until then nginx passes them to the app. When
    the worker cannot publish a change, or stops, it withdraws the tree, so nginx never
    serves one older than the content (footcare.edge.watcher). Run it beside
    nginx, on the machine whose disk nginx serves.
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
            help="Keep running; publish again after every content change. On stopping, "
            "withdraw the tree (nginx then passes every request to the app).",
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
        if settings.PUBLIC_ORIGIN and origin.rstrip("/") != settings.PUBLIC_ORIGIN:
            raise CommandError(
                f"The application's links start with DJANGO_PUBLIC_ORIGIN "
                f"({settings.PUBLIC_ORIGIN}); publish with that origin, or change the setting."
            )
        if watch and not interval > 0:
            raise CommandError("--interval is in seconds and must be more than 0, e.g. 0.5.")
        watcher = Watcher(directory, origin, report=self.report, warn=self.stderr.write)
        if not watch:
            try:
                self.report(watcher.write_tree())
            except NothingRendered as error:
                raise CommandError(str(error)) from error
            return
        # A service manager stops us with SIGTERM: leave through `finally`, as on Ctrl-C.
        signal.signal(signal.SIGTERM, _exit)
        self.stdout.write(f"Watching the content version every {interval:g} s.")
        try:
            while True:
                watcher.look()
                time.sleep(watcher.wait(interval))
        except KeyboardInterrupt:
            pass
        finally:
            watcher.stop()

    def report(self, done: Tree) -> None:
        self.stdout.write(
            f"Published content version {done.version.position}: {done.answers} answers, "
            f"{done.objects} objects ({done.compressed} compressed now), "
            f"{len(done.left_to_the_application)} left to the application, "
            f"{done.deferred} to follow, in {done.seconds:.2f} s (what changed was live after "
            f"{done.first_step_seconds:.2f} s) -> {done.tree}"
        )


def _exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)
