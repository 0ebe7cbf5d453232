"""The scheme and host that the API's absolute links (a list's ``next`` and ``previous``)
start with.

A stored answer is shared by every client, so nothing a client sends may end up in one unless
the answer's key carries it. With ``DJANGO_PUBLIC_ORIGIN`` set, as in production, links start
with it, whatever the request's ``Host``. Without it (``make run``, tests) they start with the
address the client used, and stored answers are kept apart by it (``representations``); a port
is kept only if it is the one this server answers on: ``ALLOWED_HOSTS`` admits any port, and a
client must not make one stored copy, and one render, per port.
"""

from django.conf import settings
from django.http import HttpRequest
from django.http.request import split_domain_port
from rest_framework.request import Request


def link_origin(request: HttpRequest | Request) -> str:
    """``https://api.example.com``: the scheme and host of this request's absolute links."""
    if settings.PUBLIC_ORIGIN:
        return str(settings.PUBLIC_ORIGIN)
    # get_host() has checked the host against ALLOWED_HOSTS; split_domain_port lowercases it.
    domain, port = split_domain_port(request.get_host())
    if port and port != request.META.get("SERVER_PORT"):
        port = ""
    return f"{request.scheme}://{domain}{':' + port if port else ''}"
