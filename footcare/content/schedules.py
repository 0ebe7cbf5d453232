"""What editors scheduled, applied when its time comes: each app publishes and withdraws its
own items (``AppHooks.apply_schedules``; routines: ``routines.schedules``).

Called by the edge worker at every look (``footcare.edge.watcher``), by ``manage.py
apply_schedules`` where no such worker runs, and by ``make run``'s server.
"""

from django.utils import timezone

from footcare.hooks import AppHooks, contributions


def apply_due() -> list[str]:
    """Apply what is due now, in app order; a line for each item it published or withdrew."""
    now = timezone.now()
    return [str(done) for done in contributions(AppHooks.apply_schedules, now)]
