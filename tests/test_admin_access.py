"""Nobody gets into the admin by guessing: lockout per account and address pair, and per
address over all accounts (the owner elsewhere is not locked out: tests/security/)."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, username, password, address="192.0.2.10"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    ).status_code


@pytest.fixture
def edith():
    return User.objects.create_user("edith", password="a-long-passphrase", is_staff=True)


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(client, edith):
    for _ in range(4):
        assert attempt(client, "edith", "guess") == 200  # the form again, with an error
    assert attempt(client, "edith", "guess") == 429  # the fifth failure locks
    assert attempt(client, "edith", "a-long-passphrase") == 429


def test_one_client_guessing_many_accounts_is_locked_out(client, edith, settings):
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        attempt(client, f"user{n}", "guess")
    assert attempt(client, "edith", "a-long-passphrase") == 429


def test_a_forged_forwarded_for_does_not_reset_the_count(client, edith, settings):
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": f"user{n}", "password": "guess"},
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert attempt(client, "edith", "a-long-passphrase") == 429


def test_an_operator_lifts_a_lockout_with_a_command(client, edith):
    for _ in range(5):
        attempt(client, "edith", "guess")
    call_command("axes_reset_username", "edith")
    call_command("axes_reset_ip", "192.0.2.10")
    assert attempt(client, "edith", "a-long-passphrase") == 302  # logged in
