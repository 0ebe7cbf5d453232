"""Items 3 and 4 of the security review: login lockout per account and address pair.

Before: a guesser's own good login wiped the failures it had made against other accounts
(12 wrong guesses at one account were never locked), and five wrong passwords from anywhere
locked the owner out from every address, the superuser included.
"""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
GUESSER = "203.0.113.66"
OWNER_ADDRESS = "198.51.100.7"


def attempt(client, username, password, address):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    ).status_code


@pytest.fixture
def owner():
    return User.objects.create_superuser("olga", password="the-owners-passphrase")


@pytest.fixture
def guesser():
    return User.objects.create_user("mallory", password="mallorys-own-passphrase", is_staff=True)


def test_the_guessers_own_good_login_does_not_wipe_its_failures_elsewhere(client, owner, guesser):
    statuses = []
    for round_ in range(3):
        for _ in range(4):
            statuses.append(attempt(client, "olga", f"guess-{round_}", GUESSER))
        # The guesser logs into its own account between rounds, then out again.
        assert attempt(client, "mallory", "mallorys-own-passphrase", GUESSER) == 302
        client.logout()
    assert statuses[:4] == [200] * 4
    assert 429 in statuses, statuses  # 12 wrong guesses at one account are stopped
    assert attempt(client, "olga", "the-owners-passphrase", GUESSER) == 429


def test_guesses_from_elsewhere_never_lock_the_owner_out_of_her_own_address(client, owner):
    for _ in range(10):
        attempt(client, "olga", "guess", GUESSER)
    assert attempt(client, "olga", "guess", GUESSER) == 429  # the guesser is stopped
    assert attempt(client, "olga", "the-owners-passphrase", OWNER_ADDRESS) == 302


def test_the_owners_success_clears_only_her_own_failures(client, owner, guesser):
    for _ in range(4):
        attempt(client, "mallory", "guess", GUESSER)
    for _ in range(4):
        attempt(client, "olga", "typo", OWNER_ADDRESS)
    assert attempt(client, "olga", "the-owners-passphrase", OWNER_ADDRESS) == 302
    client.logout()
    # The guesser's four failures against its own target still count: one more locks.
    assert attempt(client, "mallory", "guess", GUESSER) == 429


def test_spraying_one_password_over_many_accounts_from_one_address_is_stopped(
    client, owner, settings
):
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    statuses = [attempt(client, f"user{n}", "Spring2026!", GUESSER) for n in range(limit + 1)]
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert statuses[-1] == 429
    # Stopped at that address only: the owner elsewhere is not.
    assert attempt(client, "olga", "the-owners-passphrase", OWNER_ADDRESS) == 302
