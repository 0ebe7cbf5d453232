from django.apps import AppConfig


class FootcareConfig(AppConfig):
    """Cross-cutting pieces: API conventions, health checks, content pack commands."""

    name = "footcare"
    verbose_name = "footcare"
