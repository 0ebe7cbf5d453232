"""System checks of our own, run by ``manage.py check`` (``--deploy`` for production).

``manage.py check --deploy --fail-level WARNING`` passes on a hardened production setup and
fails on each problem it knows, Django's own (debug on, no HTTPS redirect, insecure cookies,
no HSTS, no allowed hosts) and these.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import DatabaseError

from footcare.admin.logins import LOCAL_PASSWORD, LOCAL_USERNAME, local_accounts
from footcare.content.picture_cleaning import stored_with_metadata


@register(Tags.security, deploy=True)
def secret_key_is_strong(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Django only warns about a weak key (W009); a weak key in production is an error here."""
    key = settings.SECRET_KEY
    if len(key) >= 50 and len(set(key)) >= 5 and not key.startswith("django-insecure"):
        return []
    return [
        Error(
            "DJANGO_SECRET_KEY is too weak for production: use at least 50 random characters.",
            hint="python -c 'import secrets; print(secrets.token_urlsafe(50))'",
            id="footcare.E001",
        )
    ]


@register(Tags.security)
def rate_limit_is_shared(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """A rate limit counted in each process's memory lets through the limit times the number
    of workers and servers: with a rate, the cache must be one they share."""
    if not settings.API_THROTTLE_RATE:
        return []
    if not isinstance(caches["default"], LocMemCache | DummyCache):
        return []
    return [
        Error(
            "DJANGO_API_THROTTLE_RATE is set but the cache is each process's own, so every "
            "worker and server would count requests separately.",
            hint="Set REDIS_URL to the Redis all app servers share, or unset the rate.",
            id="footcare.E002",
        )
    ]


@register(Tags.security, deploy=True)
def public_origin_is_set(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Without it, the API's links start with each request's Host (footcare/api/origin.py),
    and stored answers are kept apart per host: behind a unix socket, or with a wildcard in
    ALLOWED_HOSTS, a client could make the servers render and store a copy per host name."""
    if settings.PUBLIC_ORIGIN:
        return []
    return [
        Error(
            "DJANGO_PUBLIC_ORIGIN is not set: the API's links would start with each "
            "request's Host, and stored answers would be kept apart per host.",
            hint="Set it to the scheme and host clients use, e.g. https://api.example.org.",
            id="footcare.E006",
        )
    ]


@register(Tags.security, deploy=True)
def no_local_account(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """The account ``make run`` makes is refused with DEBUG off (footcare/admin/logins.py); its
    presence means this database was a developer's, and it should go."""
    try:
        marked = list(local_accounts().values_list("username", flat=True))
        named = get_user_model().objects.filter(username=LOCAL_USERNAME).first()
    except DatabaseError as error:
        return [
            Warning(
                f"Could not look for the local development account: {error}",
                hint="Run the check where the production database is reachable and migrated.",
                id="footcare.W003",
            )
        ]
    if named is not None and named.username not in marked and named.check_password(LOCAL_PASSWORD):
        marked.append(named.username)
    if not marked:
        return []
    return [
        Error(
            f"The local development account exists in this database ({', '.join(marked)}). "
            "It cannot log in with DJANGO_DEBUG off, but this database was made for "
            "development.",
            hint='Delete it: manage.py shell -c "from django.contrib.auth.models import User; '
            f'User.objects.filter(username__in={marked!r}).delete()"',
            id="footcare.E003",
        )
    ]


@register(Tags.security, deploy=True)
def no_stored_picture_carries_metadata(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Pictures an earlier release stored kept their EXIF (GPS positions, owners' names) and
    are served as they are until ``manage.py strip_picture_metadata`` stores them again
    without it. Reads every stored photo, a few at a time: the upgrade recipe runs it once."""
    try:
        count = len(stored_with_metadata())
    except DatabaseError as error:
        return [
            Warning(
                f"Could not look for stored pictures that carry metadata: {error}",
                hint="Run the check where the production database is reachable and migrated.",
                id="footcare.W005",
            )
        ]
    if not count:
        return []
    carry = "picture carries" if count == 1 else "pictures carry"
    return [
        Error(
            f"{count} stored {carry} metadata (EXIF with the place a photo was taken, the "
            "owner's name …), stored by an earlier release and served as it came.",
            hint="Run: manage.py strip_picture_metadata (with --dry-run, it lists them and "
            "the items that show them).",
            id="footcare.E005",
        )
    ]


@register(Tags.compatibility, deploy=True)
def contract_generates(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """The v1 contract this release serves at /api/v1/schema/ generates without a warning.

    In place of drf-spectacular's own deploy check, which generates a schema of no version
    (empty under NamespaceVersioning) and failed on it in every environment.
    """
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.settings import spectacular_settings

    GENERATOR_STATS.reset()  # what an earlier generation in this process left
    with GENERATOR_STATS.silence():
        try:
            generator = spectacular_settings.DEFAULT_GENERATOR_CLASS(api_version="v1")
            generator.get_schema(request=None, public=True)
        except Exception as error:
            return [Error(f"The v1 contract cannot be generated: {error!r}", id="footcare.E004")]
        problems = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    return [
        Warning(f"The v1 contract generates with a problem: {problem}", id="footcare.W004")
        for problem in problems
    ]
