from django.apps import AppConfig


class ZonesConfig(AppConfig):
    """The foot map: reflex zones of both feet and the body parts they are linked to."""

    name = "zones"
    verbose_name = "Foot map"

    def load_content_pack(self) -> str:
        from zones.content import load_pack

        return load_pack()
