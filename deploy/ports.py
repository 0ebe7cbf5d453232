"""Ports for servers that the tests and the cluster script start on loopback."""

import socket


def free_port() -> int:
    """A port nothing listens on now; the caller's server binds it next."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
