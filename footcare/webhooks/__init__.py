"""Webhooks: other systems (a CDN, a push service, an app build) told of changes as they commit.

``events`` records an event for every endpoint that subscribes to it, in the transaction of
the change that causes it (an outbox: a change never commits without its event, nor an event
without its change); ``delivery`` sends them, signed (``signing``), and retries failures with
growing waits; ``manage.py deliver_webhooks`` runs it. Delivery is at least once: a receiver
tells a repeat by the ``X-Footcare-Delivery`` id.
"""
