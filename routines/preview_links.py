"""Preview links: a device fetches a routine readers do not have yet, as the app will show it.

An editor makes a link in the routine's page; the link's token names a ``PreviewLink`` row and
the time it expires, signed with the project's secret key, so a token nobody issued, or one
whose expiry was changed, is refused without a database read. Revoking the link (or publishing
or discarding the draft it shows, which deletes its rows) refuses it from then on.

What the API answers for a token: 401 when the token is not one of ours or has expired (the
holder needs a new link), 404 when it was revoked or its routine is gone.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils import timezone

from routines.models import PreviewLink, Routine

SIGNER = signing.Signer(salt="routines.preview_links")


class LinkRefused(Exception):
    """A token that shows nothing, and why, in the words the API answers with."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def issue(routine: Routine, made_by: Any, hours: int | None = None) -> PreviewLink:
    """A new link to ``routine``, valid ``hours`` (the setting's by default)."""
    lifetime = timedelta(hours=hours or settings.PREVIEW_LINK_HOURS)
    now = timezone.now()
    return PreviewLink.objects.create(
        routine=routine,
        created_by=made_by if getattr(made_by, "pk", None) else None,
        created_at=now,
        expires_at=now + lifetime,
    )


def token(link: PreviewLink) -> str:
    """The link's token: its key and expiry, signed (URL-safe, no slash).

    The same token each time: the expiry is in what is signed, so the signer is one that adds
    no time of signing (``signing.dumps`` would, and the address on the editor's page would
    change from one second to the next)."""
    payload = {"key": str(link.key), "expires": int(link.expires_at.timestamp())}
    return SIGNER.sign_object(payload)


def revoke(link: PreviewLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def shown_by(value: str) -> Routine:
    """The routine a token shows, or ``LinkRefused`` saying why not."""
    try:
        payload = SIGNER.unsign_object(value)
        key, expires = str(payload["key"]), int(payload["expires"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LinkRefused(
            401, "This is not a preview link's token; ask an editor for a link."
        ) from None
    if expires <= timezone.now().timestamp():
        ended = datetime.fromtimestamp(max(expires, 0), tz=UTC).isoformat()
        raise LinkRefused(401, f"This preview link expired at {ended}; ask for a new one.")
    link = PreviewLink.objects.filter(key=key).select_related("routine").first()
    if link is None or link.revoked_at is not None:
        raise LinkRefused(
            404, "This preview link was revoked, or what it showed was published or discarded."
        )
    return link.routine
