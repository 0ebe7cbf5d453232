"""Item 9 of the security review: a client-written X-Forwarded-For is not believed.

Before: with DJANGO_TRUSTED_PROXIES=1 and the app reached directly, rotating the header
escaped the rate limit (30 of 30 through a 5/minute limit) and the login lockout, and a value
that is not an address made every login a 500 on PostgreSQL.
"""

import ipaddress

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from footcare.api.throttling import client_address

DIRECT = "198.51.100.7"  # a client that reached the app server without our proxy
NGINX = "127.0.0.1"  # our proxy on the same host, the default trusted address
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXIES = 1


def address(peer, forwarded=None, **meta):
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", REMOTE_ADDR=peer, **meta))


@pytest.mark.django_db
def test_rotating_the_header_from_outside_does_not_escape_the_rate_limit(api, settings, one_proxy):
    settings.API_THROTTLE_RATE = "5/minute"
    url = reverse("v1:zone-list")
    statuses = [
        api.get(url, REMOTE_ADDR=DIRECT, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(30)
    ]
    assert statuses.count(200) == 5 and statuses.count(429) == 25


@pytest.mark.django_db
def test_rotating_the_header_from_outside_does_not_escape_the_login_lockout(client, one_proxy):
    User.objects.create_user("edith", password="a-long-passphrase", is_staff=True)
    statuses = [
        client.post(
            LOGIN,
            {"username": "edith", "password": "guess"},
            REMOTE_ADDR=DIRECT,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(6)
    ]
    assert statuses[-1] == 429


@pytest.mark.django_db
@pytest.mark.parametrize("forwarded", ["not-an-address", "", " , ", "1.2.3.4.5", "x" * 300])
def test_a_value_that_is_not_an_address_is_ignored_never_an_error(client, one_proxy, forwarded):
    User.objects.create_user("edith", password="a-long-passphrase", is_staff=True)
    response = client.post(
        LOGIN,
        {"username": "edith", "password": "guess"},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert response.status_code == 200  # the form again, with its error
    ok = client.post(
        LOGIN,
        {"username": "edith", "password": "a-long-passphrase"},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert ok.status_code == 302


def test_the_header_is_believed_only_from_our_proxies(one_proxy):
    assert address(DIRECT, "203.0.113.9") == DIRECT
    assert address(NGINX, "203.0.113.9") == "203.0.113.9"
    assert address(NGINX, "10.0.0.1, 203.0.113.9") == "203.0.113.9"  # what nginx saw, last
    assert address("::1", "2001:db8::5") == "2001:db8::5"
    assert address("", "203.0.113.9") == "203.0.113.9"  # a unix socket: only local processes


def test_without_proxies_the_header_is_never_believed():
    assert address(NGINX, "203.0.113.9") == NGINX


def test_a_malformed_value_gives_the_peer(one_proxy):
    assert address(NGINX, "not-an-address") == NGINX
    assert address(NGINX, "") == NGINX
    assert address("not-a-peer", "203.0.113.9") is None


def test_two_proxies_are_walked_hop_by_hop_while_each_is_ours(settings):
    settings.TRUSTED_PROXIES = 2
    settings.TRUSTED_PROXY_NETWORKS = [
        *settings.TRUSTED_PROXY_NETWORKS,
        ipaddress.ip_network("10.0.0.0/8"),
    ]
    # client -> load balancer 10.0.0.2 -> nginx (loopback) -> app
    assert address(NGINX, "203.0.113.9, 10.0.0.2") == "203.0.113.9"
    # A forged entry further out than our two hops is not reached.
    assert address(NGINX, "192.0.2.1, 203.0.113.9, 10.0.0.2") == "203.0.113.9"
    # The hop before nginx is not ours: what it says is not believed.
    assert address(NGINX, "192.0.2.1, 203.0.113.9") == "203.0.113.9"
