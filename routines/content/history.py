"""Which routines models keep their history (see footcare.content.history)."""

from footcare.content.history import keep_history
from routines.models import (
    Benefit,
    Contraindication,
    PressureLevel,
    Routine,
    SafetyScreen,
    Step,
    Technique,
)


def connect() -> None:
    # A routine's version holds its steps, with their zones, pressures and order. Whether it
    # is published is not history's to change: only Publish and Withdraw do, for those who
    # may (a restored routine keeps its publication; a recovered one comes back a draft).
    keep_history(Routine, follow=("steps",), restore_keeps=("status", "published_at"))
    keep_history(Step, owner="routine")
    keep_history(Benefit)
    keep_history(Technique)
    keep_history(Contraindication)
    keep_history(SafetyScreen)
    keep_history(PressureLevel)
