"""The foot map's part of the editors' dashboard (see footcare.admin.dashboard): how many zones and
body parts there are."""

from footcare.admin.dashboard import Tally, Viewer, tally_of
from zones.models import BodyPart, Zone


def tallies(viewer: Viewer) -> list[Tally]:
    return [tally_of(viewer, model) for model in (Zone, BodyPart) if viewer.can_view(model)]
