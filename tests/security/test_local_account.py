"""Item 10 of the security review: the local admin/admin account never works without DEBUG.

Before: `make run` made `admin`/`admin`, and a production server using that database (DEBUG
off) let it in.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}).status_code


@pytest.fixture
def local_admin(settings):
    settings.DEBUG = True  # as `make run` makes it
    call_command("ensure_local_admin")
    settings.DEBUG = False
    return get_user_model().objects.get(username="admin")


def test_the_local_account_cannot_log_in_with_debug_off(client, local_admin, settings):
    assert log_in(client, "admin", "admin") == 200  # the form again, not the admin
    settings.DEBUG = True
    assert log_in(client, "admin", "admin") == 302  # it is the same account that works locally


def test_a_password_changed_since_does_not_let_it_in_either(client, local_admin):
    local_admin.set_password("a-new-and-long-passphrase")
    local_admin.save()
    assert log_in(client, "admin", "a-new-and-long-passphrase") == 200


def test_a_session_it_opened_with_debug_on_ends_with_debug_off(client, local_admin, settings):
    settings.DEBUG = True
    client.force_login(local_admin)
    assert client.get("/admin/").status_code == 200
    settings.DEBUG = False
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_admin_account_an_earlier_release_made_is_refused_too(client):
    # No mark: made before accounts were marked. Its password is the README's.
    get_user_model().objects.create_superuser("admin", password="admin")
    assert log_in(client, "admin", "admin") == 200


def test_other_accounts_log_in(client):
    get_user_model().objects.create_superuser("olga", password="the-owners-passphrase")
    assert log_in(client, "olga", "the-owners-passphrase") == 302


def test_check_deploy_names_the_local_account(local_admin):
    from footcare.checks import no_local_account

    assert [problem.id for problem in no_local_account(None)] == ["footcare.E003"]
    local_admin.delete()
    assert no_local_account(None) == []


def test_check_deploy_names_an_unmarked_admin_with_the_readme_password():
    from footcare.checks import no_local_account

    get_user_model().objects.create_superuser("admin", password="admin")
    assert [problem.id for problem in no_local_account(None)] == ["footcare.E003"]
