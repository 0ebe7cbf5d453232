"""Sending what the outbox holds: signed POSTs, retried with growing waits until a 2xx.

A delivery is claimed before it is sent (its try counted, its next try set a wait ahead) in a
transaction of its own, then sent, then its outcome written. A worker that dies at any point
loses nothing: what it claimed and never settled is sent again once that wait is over, by it
or another worker (at least once; the receiver tells repeats by ``X-Footcare-Delivery``).
Rows are claimed with SKIP LOCKED on PostgreSQL, so workers side by side never send one twice
at the same time.
"""

import http.client
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from footcare.models import DeliveryStatus, WebhookDelivery
from footcare.webhooks.signing import HEADER, signature

logger = logging.getLogger(__name__)

# Tries at most, then the delivery is marked failed (about 4 hours of tries, in all).
MOST_ATTEMPTS = 10
FIRST_WAIT_SECONDS = 15
LONGEST_WAIT_SECONDS = 3600
BATCH = 20


def wait_after(attempts: int) -> timedelta:
    """How long after its ``attempts``-th try a delivery is tried again: 15 s, 30 s, 1 min …
    doubling up to an hour."""
    return timedelta(
        seconds=min(FIRST_WAIT_SECONDS * 2 ** max(attempts - 1, 0), LONGEST_WAIT_SECONDS)
    )


@dataclass(frozen=True)
class Outcome:
    """What one try of one delivery came to, in one line for the worker's log."""

    delivery: str
    delivered: bool
    response: str

    def __str__(self) -> str:
        done = "delivered" if self.delivered else "not delivered"
        return f"{self.delivery}: {done} ({self.response})"


def body_of(delivery: WebhookDelivery) -> bytes:
    """What is POSTed: the event, the delivery's id and when the event happened, its data."""
    return json.dumps(
        {
            "id": str(delivery.uuid),
            "event": delivery.event,
            "created_at": delivery.created_at.isoformat(),
            "data": delivery.payload,
        },
        separators=(",", ":"),
        sort_keys=True,
    ).encode()


def post(delivery: WebhookDelivery) -> tuple[bool, str]:
    """One signed POST; (whether the endpoint took it, its status or why there was none).
    Redirects are not followed: a 3xx is not delivered."""
    address = urlsplit(delivery.endpoint.url)
    body = body_of(delivery)
    connection_class = (
        http.client.HTTPSConnection if address.scheme == "https" else http.client.HTTPConnection
    )
    timeout = settings.WEBHOOK_TIMEOUT_SECONDS
    try:
        connection = connection_class(address.hostname or "", address.port, timeout=timeout)
        try:
            path = address.path or "/"
            connection.request(
                "POST",
                f"{path}?{address.query}" if address.query else path,
                body=body,
                headers={
                    "Content-Type": "application/json",
                    "User-Agent": "footcare-webhooks/1",
                    "X-Footcare-Event": delivery.event,
                    "X-Footcare-Delivery": str(delivery.uuid),
                    HEADER: signature(delivery.endpoint.secret, body),
                },
            )
            response = connection.getresponse()
            response.read(4096)
        finally:
            connection.close()
    except (TimeoutError, OSError, http.client.HTTPException) as error:
        return False, f"{type(error).__name__}: {error}"[:300]
    return 200 <= response.status < 300, f"HTTP {response.status}"


def claim(now: datetime) -> list[WebhookDelivery]:
    """Due deliveries, each with this try counted and its next one set, committed before any
    is sent."""
    with transaction.atomic():
        due = list(
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("endpoint")
            .filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")[:BATCH]
        )
        for delivery in due:
            delivery.attempts += 1
            delivery.last_attempt_at = now
            # Taken for this try: a worker that dies now leaves it to be sent again then.
            delivery.next_attempt_at = now + wait_after(delivery.attempts)
        WebhookDelivery.objects.bulk_update(due, ["attempts", "last_attempt_at", "next_attempt_at"])
    return due


def settle(delivery: WebhookDelivery, delivered: bool, response: str) -> None:
    delivery.last_response = response
    if delivered:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = timezone.now()
    elif delivery.attempts >= MOST_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        logger.warning(
            "Webhook %s to %s failed for good: %s", delivery.uuid, delivery.endpoint, response
        )
    delivery.save(update_fields=["last_response", "status", "delivered_at"])


def deliver_due(now: datetime | None = None) -> list[Outcome]:
    """Send every delivery that is due, once each; what each came to."""
    outcomes = []
    for delivery in claim(now or timezone.now()):
        delivered, response = post(delivery)
        settle(delivery, delivered, response)
        outcomes.append(Outcome(str(delivery), delivered, response))
    return outcomes
