"""gunicorn settings for the service; gunicorn reads this file from the folder it starts in.

Flags on the command line (workers, bind) still win. What is here decides where an app server
listens, how it copes with slow clients, and which requests gunicorn refuses itself, in HTML,
before the service can answer in problem+json: the fewer, the better, as long as each stays
cheap.
"""

import importlib
import os
import sys
from typing import Any

from django.core.exceptions import ImproperlyConfigured

# Loopback only: an app server is never reached from beyond this host. nginx in front
# (deploy/nginx/) faces clients: it terminates TLS, reads whole requests before passing them
# on, and drops clients that send too slowly. Several app servers on one host each take a
# port of their own (`--bind 127.0.0.1:8001`) or a unix socket (`--bind unix:/run/…`).
bind = ["127.0.0.1:8000"]

# gevent: a connection that sends its request slowly costs a greenlet, not a worker. With
# gunicorn's sync workers two connections sending headers a byte at a time held both workers,
# and /healthz failed 6 times in 7 for 20 s; gthread's threads are held the same way, one per
# slow connection. Requests are still handled one at a time per greenlet by the same
# synchronous Django code; psycopg 3 and redis-py cooperate with gevent's sockets.
worker_class = "gevent"
# Connections one worker holds at once, idle and slow ones included; past it the kernel's
# backlog queues them. Each request in progress may hold a database connection (below).
worker_connections = 200

# A client that opens a keep-alive connection and says nothing is dropped after this.
keepalive = 5
# A worker whose requests have not let it run for this long (a render stuck in CPU) is
# restarted by the master.
timeout = 30

# gunicorn 25+ opens a control socket for `gunicornc` at one path per user
# ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl), so two instances on one host
# took over each other's. We do not use it.
control_socket_disable = True

# The longest request line gunicorn accepts (its default is 4094 bytes, its maximum 8190): a
# search of ten Cyrillic words, percent-encoded, takes close to 4 KB on its own. Longer lines
# are answered 414 by gunicorn, as the contract says.
limit_request_line = 8190


def on_starting(server: Any) -> None:
    """In the master, once the command line is read, before any worker boots."""
    if server.cfg.worker_class_str == "gevent":
        # Each request runs in a greenlet of its own, and Django keeps a database connection
        # per greenlet: one kept for reuse would outlive its greenlet, idle, until the
        # database ran out of connections (seen: 29 idle after a 32-connection load). So a
        # request's connection is closed when it ends, and on PostgreSQL it comes from a pool
        # of each worker's, up to this many (a new connection per request cost 9 in 10 of the
        # throughput of stored answers). Set before the settings are read, so that every
        # worker inherits them.
        os.environ.setdefault("DJANGO_DB_CONN_MAX_AGE", "0")
        os.environ.setdefault("DJANGO_DB_POOL_SIZE", "10")
    # A configuration the service cannot run with (no secret key with debug off, a misspelt
    # value) is refused here, in one plain line; in a worker it would be a traceback per
    # worker and "Worker failed to boot".
    try:
        importlib.import_module(os.environ.get("DJANGO_SETTINGS_MODULE", "footcare.settings"))
    except ImproperlyConfigured as problem:
        sys.exit(f"footcare cannot start: {problem}")
