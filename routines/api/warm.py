"""A routine just published: its answers stored at once, so its first readers get stored bytes."""

from typing import Any

from django.urls import reverse

from routines.models import Routine, published


def store_answers(sender: type[Routine], routine: Routine, **kwargs: Any) -> None:
    # Imported when a routine is published, not when the app starts: the response cache
    # reads the contract and the release on import, which commands such as makemessages
    # have no need of.
    from footcare.api.response_cache import warm

    warm([reverse("v1:routine-list"), reverse("v1:routine-detail", args=[routine.slug])])


def connect() -> None:
    published.connect(store_answers, sender=Routine, dispatch_uid="routines.api.warm")
