from django.apps import AppConfig


class RoutinesConfig(AppConfig):
    """Benefits, techniques, contraindications and guided routines of timed steps."""

    name = "routines"
    verbose_name = "Routines"

    def ready(self) -> None:
        from routines import signals  # noqa: F401  (connects the receivers)

    def load_content_pack(self) -> str:
        from routines.content import load_pack

        return load_pack()
