"""What ``make run`` prints once the local server answers: where the site, admin, docs and API are.

Printed only when ``/healthz`` has answered, so that every address shown already works, and
after runserver's own start-up lines rather than lost above them.
"""

import time
import urllib.error
import urllib.request
from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext as _


def addresses(base_url: str, admin_login: str) -> str:
    """The banner: one line per place to go, under ``base_url`` (``http://127.0.0.1:8000``)."""
    places = [
        (_("Site"), reverse("home"), ""),
        (_("Admin"), reverse("admin:index"), _("log in as %(login)s") % {"login": admin_login}),
        (_("Swagger UI"), reverse("v1:docs"), _("try the API in the browser")),
        (_("Redoc"), reverse("v1:redoc"), _("read the API reference")),
        (_("API"), reverse("v1:index"), _("every collection, as JSON")),
    ]
    width = max(len(name) for name, _path, _note in places)
    lines = [_("footcare is up:")]
    for name, path, note in places:
        line = f"  {name:<{width}}  {base_url}{path}"
        lines.append(f"{line}  ({note})" if note else line)
    lines.append(_("Stop it with Ctrl-C."))
    return "\n".join(lines)


def answers(url: str) -> bool:
    """Whether ``url`` answers 200 now (a server still starting refuses the connection)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own http URL
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def announce_when_up(
    health_url: str,
    text: str,
    write: Callable[[str], object],
    *,
    every_seconds: float = 0.2,
    give_up_after_seconds: float = 300.0,
) -> None:
    """Poll ``health_url`` until it answers, then ``write(text)`` once.

    Gives up quietly if the server never comes up: runserver has said why by then (a port in
    use, an import error), and a banner would only point at nothing.
    """
    deadline = time.monotonic() + give_up_after_seconds
    while time.monotonic() < deadline:
        if answers(health_url):
            write(text)
            return
        time.sleep(every_seconds)
