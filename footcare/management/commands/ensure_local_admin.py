"""The local development superuser, made by ``make run`` so that a newcomer can log in at once."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from footcare.admin.logins import LOCAL_PASSWORD as PASSWORD
from footcare.admin.logins import LOCAL_USERNAME as USERNAME
from footcare.admin.logins import mark_as_local


def ensure_local_admin() -> str:
    """Create ``admin``/``admin`` if there is no ``admin`` yet; say how to log in.

    A password the developer changed is kept, and the answer says so rather than print one
    that no longer works. The account is marked as local, so that no server with DEBUG off
    lets it in, should this database ever be used by one (footcare/admin/logins.py).
    """
    if not settings.DEBUG:
        raise CommandError(
            "Refusing to create a default admin account with DJANGO_DEBUG off; "
            "use `manage.py createsuperuser` instead."
        )
    user, created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    mark_as_local(user)
    # A new account's password is known: checking it would hash it once more (~0.4 s).
    if created or user.check_password(PASSWORD):
        return _("user %(user)r, password %(password)r") % {"user": USERNAME, "password": PASSWORD}
    return _("user %(user)r with the password you set") % {"user": USERNAME}


class Command(BaseCommand):
    """Create the local development superuser ``admin``/``admin`` if it does not exist.

    Only with DJANGO_DEBUG on: production accounts are made with ``createsuperuser``.
    Re-running changes nothing, and a password the developer changed is kept.
    """

    help = "Ensure the local development admin account exists (DEBUG only)."

    def handle(self, *args: Any, **options: Any) -> None:
        how = ensure_local_admin()
        self.stdout.write(f"Admin: http://127.0.0.1:8000/admin/ — log in as {how}.")
