"""Settings come from the environment and refuse unsafe production setups."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.server  # each test starts Django in a subprocess

ROOT = Path(__file__).resolve().parent.parent


def clean_environment() -> dict[str, str]:
    """This process's environment without the settings a test run may have set."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}


def manage_in_production(*command: str, static_root: Path) -> subprocess.CompletedProcess[str]:
    """``manage.py command`` as production runs it: no debug, a strong key, hashed static files."""
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env=clean_environment() | {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50,
                                   "DJANGO_STATIC_ROOT": str(static_root)},
    )  # fmt: skip


def start_django(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG, type(settings.CACHES['default']['BACKEND']).__name__, "
            "settings.CACHES['default']['BACKEND'], settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env={**clean_environment(), "DJANGO_SETTINGS_MODULE": "footcare.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_without_secret_key_refuses_to_start():
    result = start_django(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_with_secret_key_starts():
    result = start_django(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("False")


def test_debug_defaults_are_local_sqlite_and_locmem():
    result = start_django(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "True" in result.stdout
    assert "locmem.LocMemCache" in result.stdout
    assert "django.db.backends.sqlite3" in result.stdout


def test_redis_and_postgres_come_from_urls():
    result = start_django(
        DJANGO_DEBUG="1",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DATABASE_URL="postgres://postgres@127.0.0.1/x",
    )
    assert result.returncode == 0, result.stderr
    assert "RedisCache" in result.stdout
    assert "postgresql" in result.stdout


def test_a_misspelt_boolean_is_a_clear_error():
    result = start_django(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_a_public_origin_without_its_scheme_is_a_clear_error():
    result = start_django(DJANGO_DEBUG="1", DJANGO_PUBLIC_ORIGIN="api.example.com")
    assert result.returncode != 0
    assert "DJANGO_PUBLIC_ORIGIN must be a scheme and host" in result.stderr
    fine = start_django(DJANGO_DEBUG="1", DJANGO_PUBLIC_ORIGIN="https://api.example.com/")
    assert fine.returncode == 0, fine.stderr


def test_production_checks_pass_before_static_files_are_collected(tmp_path):
    """The README's order: migrate (and its checks, which load every URL) before collectstatic;
    nothing may ask the production storage for a hashed name at import."""
    result = manage_in_production("check", static_root=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]


def test_production_static_files_collect(tmp_path):
    """The README's `collectstatic` step, with the production storage (hashed, compressed)."""
    result = manage_in_production("collectstatic", "--noinput", "-v0", static_root=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    manifest = (tmp_path / "staticfiles.json").read_text()
    for needed in (
        "vendor/jquery-ui/jquery-ui.min.js",
        "admin/css/base.css",
        "footcare/favicon.svg",
    ):
        assert f'"{needed}"' in manifest
