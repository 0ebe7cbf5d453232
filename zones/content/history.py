"""Which foot-map models keep their history (see footcare.content.history)."""

from footcare.content.history import keep_history
from zones.models import Zone, ZoneShape


def connect() -> None:
    keep_history(Zone, follow=("shapes",))
    keep_history(ZoneShape, owner="zone")
