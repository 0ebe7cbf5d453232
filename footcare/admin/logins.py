"""Who may log in to the admin, and when guessing stops.

Two rules of our own on top of Django's accounts and django-axes:

- **The local account never works in production.** ``make run`` makes ``admin``/``admin``
  for a newcomer and marks it as local (a group). With ``DJANGO_DEBUG`` off, that account is
  refused, at login and for a session it already had, and so is any login with its
  well-known password, so a database made by ``make run`` (of any release) cannot open the
  admin of a production server. ``manage.py check --deploy`` names such an account.
- **Lockouts are per account and address.** django-axes counts failures per (username,
  address) pair: guesses from elsewhere never lock an owner out of her own address, and a
  success clears only its own pair's failures, never the ones a guesser made against other
  accounts. One address spraying a password over many accounts is stopped by a second,
  larger limit on all failures from that address.
"""

from typing import Any

from asgiref.sync import sync_to_async
from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Sum
from django.http import HttpRequest

LOCAL_USERNAME = "admin"
LOCAL_PASSWORD = "admin"  # noqa: S105 - published in the README; refused without DEBUG
LOCAL_GROUP = "Local development account (refused in production)"


def mark_as_local(user: Any) -> None:
    """Mark ``user`` as the local development account, refused whenever DEBUG is off."""
    group, _created = Group.objects.get_or_create(name=LOCAL_GROUP)
    user.groups.add(group)


def local_accounts() -> Any:
    """The accounts marked as local development accounts."""
    return get_user_model().objects.filter(groups__name=LOCAL_GROUP)


class AccountsBackend(ModelBackend):
    """Django's accounts, but for the local development account when DEBUG is off."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if not settings.DEBUG and password == LOCAL_PASSWORD:
            return None  # the README's password: whoever holds it, not in production
        return super().authenticate(request, username=username, password=password, **kwargs)

    async def aauthenticate(  # ModelBackend's own would skip the password rule above
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        return await sync_to_async(self.authenticate)(
            request, username=username, password=password, **kwargs
        )

    async def aget_user(self, user_id: Any) -> Any:
        # ModelBackend's own reads the user without whether it is the local account.
        return await sync_to_async(self.get_user)(user_id)

    def get_user(self, user_id: Any) -> Any:
        # The user of every request with a session: whether it is the local account comes in
        # the same query, so that a session it opened before ends with DEBUG off, at no cost.
        marked = Group.objects.filter(name=LOCAL_GROUP, user=OuterRef("pk"))
        users = get_user_model()._default_manager.annotate(is_local_account=Exists(marked))
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user: Any) -> bool:
        if not super().user_can_authenticate(user):
            return False
        if settings.DEBUG:
            return True
        local = getattr(user, "is_local_account", None)  # None: not read by get_user
        if local is None:
            local = user.groups.filter(name=LOCAL_GROUP).exists()
        return not local


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler, with a second limit per address.

    Axes compares one number with one limit (``AXES_FAILURE_LIMIT``). The failures of this
    account from this address count as they are; all failures from this address, whatever
    the account, count scaled so that the limit is reached after
    ``LOGIN_ADDRESS_FAILURE_LIMIT`` of them.
    """

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        pair = super().get_failures(request, credentials)
        address = request.axes_ip_address
        if address is None:
            return pair
        attempts = AccessAttempt.objects.filter(ip_address=address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        total = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
        scaled = total * settings.AXES_FAILURE_LIMIT // settings.LOGIN_ADDRESS_FAILURE_LIMIT
        return max(pair, scaled)
