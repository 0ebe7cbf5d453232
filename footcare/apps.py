from django.apps import AppConfig


class FootcareConfig(AppConfig):
    """Cross-cutting pieces: API conventions, health checks, content pack commands."""

    name = "footcare"
    verbose_name = "footcare"

    def ready(self) -> None:
        from footcare import checks  # noqa: F401  (registers the checks on import)
