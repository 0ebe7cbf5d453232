"""System checks of our own, run by ``manage.py check`` (``--deploy`` for production)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


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
