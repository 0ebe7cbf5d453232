from django.apps import AppConfig


class RoutinesConfig(AppConfig):
    """Benefits, techniques, contraindications and guided routines of timed steps."""

    name = "routines"
    verbose_name = "Routines"
