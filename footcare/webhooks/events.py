"""Events recorded for the webhook endpoints that want them, in the writer's transaction."""

from typing import Any

from django.db import transaction

from footcare.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint


def _subscribers(event: str) -> list[WebhookEndpoint]:
    # Few endpoints, read on every event: filtered here, as SQLite cannot look inside a list.
    return [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(active=True)
        if event in endpoint.events
    ]


def record_event(event: Event, payload: dict[str, Any]) -> None:
    """A delivery of ``event`` for each endpoint that subscribes to it, in this transaction."""
    endpoints = _subscribers(event)
    if endpoints:
        WebhookDelivery.objects.bulk_create(
            WebhookDelivery(endpoint=endpoint, event=event, payload=payload)
            for endpoint in endpoints
        )


def record_content_change(version: int, resources: list[str]) -> None:
    """``content.changed`` at content ``version``, for the journal's every write.

    Called under the journal counter's lock (``footcare.content.journal.record``), so writers
    come here one at a time: a delivery not yet tried is brought up to this version rather
    than joined by another, and a burst of saves (a draft of 68 steps published) is one event.
    """
    endpoints = _subscribers(Event.CONTENT_CHANGED)
    if not endpoints:
        return
    with transaction.atomic():
        for endpoint in endpoints:
            waiting = (
                WebhookDelivery.objects.select_for_update()
                .filter(
                    endpoint=endpoint,
                    event=Event.CONTENT_CHANGED,
                    status=DeliveryStatus.PENDING,
                    attempts=0,
                )
                .order_by("-pk")
                .first()
            )
            if waiting is None:
                WebhookDelivery.objects.create(
                    endpoint=endpoint,
                    event=Event.CONTENT_CHANGED,
                    payload={"version": version, "resources": sorted(set(resources))},
                )
                continue
            known = set(waiting.payload.get("resources", []))
            waiting.payload = {"version": version, "resources": sorted(known | set(resources))}
            waiting.save(update_fields=["payload"])
