from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # noqa: S105 - a local, DEBUG-only account; refused in production below


class Command(BaseCommand):
    """Create the local development superuser ``admin``/``admin`` if it does not exist.

    Only with DJANGO_DEBUG on: production accounts are made with ``createsuperuser``.
    Re-running changes nothing, and a password the developer changed is kept.
    """

    help = "Ensure the local development admin account exists (DEBUG only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a default admin account with DJANGO_DEBUG off; "
                "use `manage.py createsuperuser` instead."
            )
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
        if user.check_password(PASSWORD):
            how = f"user {USERNAME!r}, password {PASSWORD!r}"
        else:
            how = f"user {USERNAME!r} with the password you set"
        self.stdout.write(f"Admin: http://127.0.0.1:8000/admin/ — log in as {how}.")
