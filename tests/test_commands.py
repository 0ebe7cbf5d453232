import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_local_admin_is_created_once_and_a_changed_password_is_kept(settings, capsys):
    settings.DEBUG = True
    call_command("ensure_local_admin")
    assert "password 'admin'" in capsys.readouterr().out
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("admin")

    user.set_password("something-else-entirely")
    user.save()
    call_command("ensure_local_admin")
    assert "the password you set" in capsys.readouterr().out
    assert get_user_model().objects.filter(username="admin").count() == 1
    user.refresh_from_db()
    assert user.check_password("something-else-entirely")


def test_local_admin_is_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="createsuperuser"):
        call_command("ensure_local_admin")
    assert not get_user_model().objects.exists()
