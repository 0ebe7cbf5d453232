"""Item 17 of the security review: `manage.py check --deploy` is worth running.

Before: it always failed (drf_spectacular.E001: its check generated a schema of no version,
which NamespaceVersioning leaves empty), so operators learned to ignore it. Now it passes on a
hardened production setup and fails on each problem it knows.
"""

import os
import secrets
import subprocess
import sys

import pytest

from tests.servers import ROOT, database_url

pytestmark = [pytest.mark.server, pytest.mark.django_db]  # manage.py check in a subprocess


def hardened(database: str) -> dict[str, str]:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    return clean | {
        "DATABASE_URL": database,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "api.example.org",
        "DJANGO_PUBLIC_ORIGIN": "https://api.example.org",
        "DJANGO_SECURE_HSTS_PRELOAD": "1",
    }


def check_deploy(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_a_hardened_setup_passes():
    result = check_deploy(hardened(database_url()))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"DJANGO_DEBUG": "1"}, "security.W018"),
        ({"DJANGO_SECRET_KEY": "x" * 50}, "footcare.E001"),
        ({"DJANGO_SECURE_SSL_REDIRECT": "0"}, "security.W008"),
        ({"DJANGO_SECURE_COOKIES": "0"}, "security.W012"),
        ({"DJANGO_SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "security.W020"),
        ({"DJANGO_API_THROTTLE_RATE": "5/minute"}, "footcare.E002"),
        ({"DJANGO_PUBLIC_ORIGIN": ""}, "footcare.E006"),
    ],
    ids=lambda value: value if isinstance(value, str) else ",".join(value),
)
def test_each_real_problem_fails_it(change, problem):
    result = check_deploy(hardened(database_url()) | change)
    assert result.returncode != 0
    assert problem in result.stderr
