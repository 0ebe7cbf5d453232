"""The routine as the app plays it, for the admin's preview panel: the timeline, each step's
cues, and the foot maps on which each step's zones light up."""

from collections import Counter
from typing import Any

from django.utils.safestring import SafeString

from routines.models import Routine
from routines.player import cues, timeline
from zones.admin import foot_map_svg
from zones.models import Foot, FootOutline, View


def step_map(foot: str, views: Counter[str]) -> tuple[str, str]:
    """The map a step is shown on: its foot (the right one for both feet), and the view that
    shows most of its zones (the sole when none or a tie)."""
    side = Foot.LEFT if foot == Foot.LEFT else Foot.RIGHT
    view = max(View.values, key=lambda name: (views[name], name == View.PLANTAR))
    return str(side), view


def routine_preview(routine: Routine) -> dict[str, Any]:
    """The saved routine's steps in playing order with their times, cues and zones, and one
    drawn map per foot and view the steps use."""
    steps = list(
        routine.steps.select_related("technique")
        .prefetch_related("zones__shapes")
        .order_by("position")
    )
    drawn = set(FootOutline.objects.values_list("view", flat=True))
    maps: dict[str, SafeString] = {}
    played = []
    for step, entry, step_cues in zip(steps, timeline(steps), cues(steps), strict=True):
        zones = list(step.zones.all())
        foot, view = step_map(step.foot, Counter(s.view for z in zones for s in z.shapes.all()))
        key = f"{foot}-{view}"
        if key not in maps and view in drawn:
            maps[key] = foot_map_svg(foot=foot, view=view)
        played.append(
            {
                "position": step.position,
                "title": step.title,
                "technique": step.technique.name,
                "foot": step.get_foot_display(),
                "pressure": step.get_pressure_display(),
                "repetitions": step.repetitions,
                "seconds": step.duration_seconds,
                "starts": entry.starts_at_seconds,
                "ends": entry.ends_at_seconds,
                "map": key if key in maps else "",
                "zones": [zone.slug for zone in zones],
                "zone_names": [zone.name for zone in zones],
                "cues": [{"at": cue.at_seconds, "text": cue.text} for cue in step_cues],
            }
        )
    return {"steps": played, "maps": maps}
