"""Webhooks: an event recorded with the change that causes it, signed, retried, never lost
(footcare.webhooks), against a local receiver that fails, hangs and succeeds."""

import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from footcare.management.commands.deliver_webhooks import Command as DeliverCommand
from footcare.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from footcare.webhooks import delivery as sending
from footcare.webhooks.delivery import MOST_ATTEMPTS, deliver_due, wait_after
from footcare.webhooks.signing import HEADER, signature, verify
from routines.models import Routine
from tests.factories import RoutineFactory, StepFactory, ZoneFactory
from tests.servers import ROOT, child_environment

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP endpoint on 127.0.0.1 that answers as told: ``"ok"`` (204), ``"fail"`` (500)
    or ``"hang"`` (no answer for ``hang_seconds``); after the list runs out, ``"ok"``."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.hang_seconds = 5.0
        self.got_one = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers.items()), body))
                receiver.got_one.set()
                answer = receiver.answers.pop(0) if receiver.answers else "ok"
                if answer == "hang":
                    time.sleep(receiver.hang_seconds)
                self.send_response(500 if answer == "fail" else 204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/footcare?from=test"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.stop()


@pytest.fixture
def calm() -> Routine:
    """A routine ready to publish; made before any endpoint, so its technique and zones
    (published as they are made) record nothing."""
    routine: Routine = RoutineFactory(slug="calm")
    StepFactory(routine=routine)
    return routine


def endpoint_for(url: str, *events: str) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(url=url, events=list(events or Event.values))


# Signing


def test_a_signature_verifies_only_the_body_it_signed_with_its_secret_and_in_time():
    body = b'{"event":"published"}'
    header = signature("s3cret", body)
    assert verify("s3cret", header, body)
    assert not verify("s3cret", header, body + b" ")
    assert not verify("another", header, body)
    assert not verify("s3cret", signature("s3cret", body, int(time.time()) - 3600), body)
    assert not verify("s3cret", "t=abc,v1=00", body)
    assert not verify("s3cret", "", body)


# Recording: the outbox


def test_publishing_records_published_and_content_changed_for_subscribers(calm):
    everything = endpoint_for("https://a.example/hook")
    only_withdrawals = endpoint_for("https://b.example/hook", Event.WITHDRAWN)
    WebhookEndpoint.objects.create(url="https://c.example/hook", events=Event.values, active=False)
    calm.publish()
    routine = calm
    events = sorted(
        WebhookDelivery.objects.filter(endpoint=everything).values_list("event", flat=True)
    )
    assert events == [Event.CONTENT_CHANGED, Event.PUBLISHED]
    published = WebhookDelivery.objects.get(endpoint=everything, event=Event.PUBLISHED)
    assert published.payload == {"resource": "routine", "slug": "calm", "id": str(routine.uuid)}
    assert not WebhookDelivery.objects.filter(endpoint=only_withdrawals).exists()
    routine.withdraw()
    withdrawn = WebhookDelivery.objects.get(endpoint=only_withdrawals)
    assert (withdrawn.event, withdrawn.payload["slug"]) == (Event.WITHDRAWN, "calm")
    assert not WebhookDelivery.objects.filter(endpoint__active=False).exists()


def test_a_change_that_rolls_back_leaves_no_event():
    endpoint_for("https://a.example/hook")
    zone = ZoneFactory(slug="heel")
    WebhookDelivery.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        zone.name_en = "Heel, renamed"
        zone.save()
        assert WebhookDelivery.objects.exists()  # recorded with the change …
        raise RuntimeError("the writer fails before its commit")
    assert not WebhookDelivery.objects.exists()  # … and gone with it


def test_a_burst_of_changes_is_one_content_changed_event_until_it_is_tried():
    endpoint_for("https://a.example/hook", Event.CONTENT_CHANGED)
    zone = ZoneFactory(slug="heel")
    for number in range(5):
        zone.name_en = f"Heel {number}"
        zone.save()
    ZoneFactory(slug="toes")
    (waiting,) = WebhookDelivery.objects.all()
    assert "zone" in waiting.payload["resources"]
    from footcare.content.journal import version

    assert waiting.payload["version"] == version().position
    # Once tried, the next change is an event of its own.
    WebhookDelivery.objects.update(attempts=1)
    zone.save()
    assert WebhookDelivery.objects.count() == 2


def test_a_draft_changes_nothing_readers_see_and_records_nothing():
    endpoint_for("https://a.example/hook")
    routine: Routine = RoutineFactory(slug="draft")
    StepFactory(routine=routine)
    routine.title_en = "Still a draft"
    routine.save()
    routine_events = WebhookDelivery.objects.filter(payload__resource="routine")
    assert not routine_events.filter(event__in=[Event.PUBLISHED, Event.WITHDRAWN]).exists()


# Sending


def test_a_delivery_is_signed_and_verifiable(receiver, calm):
    endpoint = endpoint_for(receiver.url, Event.PUBLISHED)
    calm.publish()
    (outcome,) = deliver_due()
    assert outcome.delivered and outcome.response == "HTTP 204"
    ((headers, body),) = receiver.received
    assert verify(endpoint.secret, headers[HEADER], body)
    sent = json.loads(body)
    delivery = WebhookDelivery.objects.get()
    assert headers["X-Footcare-Delivery"] == sent["id"] == str(delivery.uuid)
    assert headers["X-Footcare-Event"] == sent["event"] == "published"
    assert sent["data"]["slug"] == "calm"
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)
    assert deliver_due() == []  # delivered once


def test_a_failure_is_retried_with_growing_waits_then_delivered(receiver, calm):
    endpoint_for(receiver.url, Event.PUBLISHED)
    receiver.answers = ["fail", "fail"]
    calm.publish()
    now = timezone.now()
    (first,) = deliver_due(now)
    delivery = WebhookDelivery.objects.get()
    assert not first.delivered and first.response == "HTTP 500"
    assert delivery.status == DeliveryStatus.PENDING and delivery.last_response == "HTTP 500"
    assert delivery.next_attempt_at == now + wait_after(1)
    assert deliver_due(now + wait_after(1) - timedelta(seconds=1)) == []  # not before its time
    (second,) = deliver_due(now + wait_after(1))
    assert not second.delivered
    assert wait_after(2) == 2 * wait_after(1)
    (third,) = deliver_due(now + wait_after(1) + wait_after(2))
    assert third.delivered
    assert len(receiver.received) == 3
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 3)


def test_an_endpoint_that_hangs_is_a_timeout_not_a_stuck_worker(receiver, calm, settings):
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    receiver.answers = ["hang"]
    receiver.hang_seconds = 4
    endpoint_for(receiver.url, Event.PUBLISHED)
    calm.publish()
    started = time.monotonic()
    (outcome,) = deliver_due()
    assert time.monotonic() - started < 3.5
    assert not outcome.delivered and "timed out" in outcome.response


def test_an_endpoint_that_is_down_is_noted_and_retried(calm):
    endpoint_for("http://127.0.0.1:9/nobody-listens", Event.PUBLISHED)
    calm.publish()
    (outcome,) = deliver_due()
    assert not outcome.delivered and "Connection" in outcome.response
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING


def test_after_the_last_try_a_delivery_is_marked_failed(receiver, calm):
    endpoint_for(receiver.url, Event.PUBLISHED)
    receiver.answers = ["fail"] * MOST_ATTEMPTS
    calm.publish()
    later = timezone.now()
    for _ in range(MOST_ATTEMPTS):
        later += timedelta(days=1)
        deliver_due(later)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, MOST_ATTEMPTS)
    assert deliver_due(later + timedelta(days=1)) == []


@pytest.mark.server
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_send_loses_nothing(receiver, calm):
    receiver.answers = ["hang"]
    receiver.hang_seconds = 30
    endpoint_for(receiver.url, Event.PUBLISHED)
    calm.publish()

    def worker() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "manage.py", "deliver_webhooks", "--every", "0.2"],
            cwd=ROOT, env=child_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip

    first = worker()
    try:
        assert receiver.got_one.wait(60), "the worker never sent the delivery"
        os.kill(first.pid, signal.SIGKILL)  # mid-send: the endpoint has not answered
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    # The wait after a try has passed: the next worker sends it again.
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    second = worker()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            delivery.refresh_from_db()
            if delivery.status == DeliveryStatus.DELIVERED:
                break
            time.sleep(0.2)
    finally:
        second.terminate()
        second.communicate(timeout=10)
    assert delivery.status == DeliveryStatus.DELIVERED
    ids = [headers["X-Footcare-Delivery"] for headers, _ in receiver.received]
    assert ids == [str(delivery.uuid)] * 2  # at least once: the receiver tells the repeat


def test_the_worker_unit_runs_the_command():
    unit = (ROOT / "deploy" / "systemd" / "footcare-webhooks.service").read_text()
    service = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and line[0] not in "#;"
    )
    program, manage, command, *arguments = shlex.split(service["ExecStart"])
    assert (manage, command) == ("manage.py", "deliver_webhooks")
    parsed = DeliverCommand().create_parser("manage.py", command).parse_args(arguments)
    assert parsed.every == 1
    assert Path(service["WorkingDirectory"]) / ".venv/bin/python" == Path(program)


# The admin


def test_operators_configure_endpoints_and_editors_cannot_see_them(boss):
    editor_client = Client()
    edith = User.objects.create_user("edith", password="a-long-passphrase", is_staff=True)
    edith.groups.add(Group.objects.get(name="Editors"))
    editor_client.force_login(edith)
    add = reverse("admin:footcare_webhookendpoint_add")
    refused = boss.post(
        add, {"url": "ftp://files.example/", "events": ["published"], "secret": "x"}
    )
    assert "starts with http:// or https://" in refused.content.decode()
    boss.post(
        add,
        {"url": "https://cdn.example/purge", "events": ["content.changed"], "secret": "x" * 20,
         "active": "on"},
    )  # fmt: skip
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["content.changed"]
    assert boss.get(reverse("admin:footcare_webhookdelivery_changelist")).status_code == 200
    assert (
        editor_client.get(reverse("admin:footcare_webhookendpoint_changelist")).status_code == 403
    )
    assert (
        editor_client.get(reverse("admin:footcare_webhookdelivery_changelist")).status_code == 403
    )


def test_send_again_puts_a_failed_delivery_back(boss):
    endpoint = endpoint_for("https://a.example/hook")
    failed = WebhookDelivery.objects.create(
        endpoint=endpoint, event=Event.PUBLISHED, payload={}, status=DeliveryStatus.FAILED,
        attempts=MOST_ATTEMPTS,
    )  # fmt: skip
    boss.post(
        reverse("admin:footcare_webhookdelivery_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk]},
    )
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (DeliveryStatus.PENDING, 0)


def test_the_body_is_what_was_signed():
    endpoint = endpoint_for("https://a.example/hook")
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="published", payload={"a": 1}
    )
    body = sending.body_of(delivery)
    assert json.loads(body)["data"] == {"a": 1}
    assert verify(endpoint.secret, signature(endpoint.secret, body), body)
