"""``make run``: prepare the local database, serve it, and say where to go once it answers.

One process applies the migrations, loads the content pack and makes the local admin, where
three ``manage.py`` calls used to start Django three times; then it hands over to
``runserver``, whose own output shows as always. A watcher thread prints the addresses once
``/healthz`` answers; another applies what editors scheduled and sends webhook deliveries,
as the edge and webhook workers do in production. Ctrl-C stops the server and both threads with it.
"""

import os
import re
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO
from urllib.parse import urlparse

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.core.management.commands.runserver import naiveip_re
from django.db import DatabaseError, close_old_connections, connections
from django.urls import reverse
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.translation import gettext as _

from footcare.content.schedules import apply_due
from footcare.local.where_to_go import addresses, announce_when_up
from footcare.management.commands.ensure_local_admin import ensure_local_admin
from footcare.webhooks.delivery import deliver_due

DEFAULT_ADDRPORT = "127.0.0.1:8000"
WORK_EVERY_SECONDS = 5.0


def local_base_url(addrport: str) -> str:
    """The URL a browser on this machine uses for ``addrport`` (``8000``, ``0.0.0.0:8000``)."""
    match = re.match(naiveip_re, addrport)
    if match is None:  # runserver refuses it and says why; the banner never shows
        return f"http://{DEFAULT_ADDRPORT}"
    host = match["addr"] or "127.0.0.1"
    if host in ("0.0.0.0", "[::]"):  # noqa: S104 - a listening address, not one we bind
        host = "127.0.0.1"
    return f"http://{host}:{match['port']}"


def taken(base_url: str) -> bool:
    """Whether something already listens at ``base_url`` (another ``make run``, say)."""
    address = urlparse(base_url)
    try:
        socket.create_connection((address.hostname, address.port), timeout=1).close()
    except OSError:
        return False
    return True


def prepare(stdout: OutputWrapper | TextIO) -> str:
    """Migrate, load the content pack (what is new only), make the local admin; say how to
    log in. Safe to repeat: what editors changed stays as they left it."""
    call_command("migrate", interactive=False, stdout=stdout)
    call_command("load_content", stdout=stdout)
    return ensure_local_admin()


def work_forever(write: Callable[[str], Any]) -> None:
    """Every few seconds: publish and withdraw what is due (``footcare.content.schedules``),
    and send the webhook deliveries that are (``footcare.webhooks``)."""
    while True:
        try:
            for line in apply_due():
                write(line)
            for outcome in deliver_due():
                write(str(outcome))
        except DatabaseError:  # SQLite busy with the server's write: the next look retries
            pass
        finally:
            close_old_connections()
        time.sleep(WORK_EVERY_SECONDS)


class Command(BaseCommand):
    """Migrate, load the content pack, ensure the local admin, then ``runserver``.

    With the autoreloader, runserver starts this command again in a child process that
    serves (and restarts on code changes); that child only serves: the parent prepared the
    database and watches for the first answer.
    """

    help = (
        "Run the service locally as `make run` does: migrate, load the content pack, make the "
        "local admin, serve, and print where everything is once the server answers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "addrport", nargs="?", default=DEFAULT_ADDRPORT, help="As for runserver."
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="use_reloader",
            help="Do not restart the server when the code changes.",
        )

    def handle(self, *args: Any, addrport: str, use_reloader: bool, **options: Any) -> None:
        # runserver checks the project on every (re)start; call_command would skip that.
        serve = {"use_reloader": use_reloader, "skip_checks": False}
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            call_command("runserver", addrport, **serve)
            return
        base_url = local_base_url(addrport)
        # Before any work: runserver would fail only after it, and the watcher could take
        # the other server's answer for ours and print a banner that points at it.
        if taken(base_url):
            raise CommandError(
                _(
                    "Something already listens at %(url)s (another make run?). Stop it, or "
                    "serve on another port: make run PORT=8001."
                )
                % {"url": base_url}
            )
        login = prepare(self.stdout)
        connections.close_all()  # the server opens its own
        watcher = threading.Thread(
            target=announce_when_up,
            args=(base_url + reverse("healthz"), addresses(base_url, login), self.stdout.write),
            name="where-to-go",
            daemon=True,  # dies with the command when Ctrl-C stops the server
        )
        watcher.start()
        threading.Thread(
            target=work_forever, args=(self.stdout.write,), name="workers", daemon=True
        ).start()
        call_command("runserver", addrport, **serve)
