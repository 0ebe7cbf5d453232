"""Keep step positions contiguous whatever removes a step (admin, API of the ORM, loader)."""

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from routines.models import Step, renumber_steps


@receiver(post_delete, sender=Step)
def close_the_gap(sender: type[Step], instance: Step, **kwargs: Any) -> None:
    renumber_steps(instance.routine_id)
