"""Which routines models keep their history (see footcare.content.history)."""

from footcare.content.history import keep_history
from routines import models


def connect() -> None:
    # A routine's version holds its steps, with their zones, pressures and order. Whether it
    # is published is not history's to change: only Publish and Withdraw do, for those who
    # may (a restored routine keeps its publication; a recovered one comes back a draft).
    keep_history(models.Routine, follow=("steps",), restore_keeps=("status", "published_at"))
    keep_history(models.Step, owner="routine")
    for model in (
        models.Benefit,
        models.Technique,
        models.Contraindication,
        models.SafetyScreen,
        models.PressureLevel,
    ):
        keep_history(model)
