"""Servers of the service in processes of their own, for tests that cross process lines."""

import http.cookiejar
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.db import connection

from deploy.ports import free_port

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """The URL of the test database, for processes started by a test."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def child_environment(**overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    # Debug on: local hosts allowed, no secret needed; the default cache: per process.
    env |= {"DATABASE_URL": database_url(), "DJANGO_DEBUG": "1", "PYTHONUNBUFFERED": "1"}
    return env | overrides


class Server:
    """A gunicorn process of the service, on the test database, with its own cache."""

    def __init__(self, *, workers: int = 1, **environment: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "footcare.wsgi", "--workers", str(workers),
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env=child_environment(**environment),
        )  # fmt: skip
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        deadline = time.monotonic() + 30
        while True:
            try:
                self.opener.open(self.url("/healthz"), timeout=2).read()
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("the test server did not start") from None
                time.sleep(0.2)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body, whatever the status."""
        try:
            with self.opener.open(self.url(path), timeout=30) as response:
                return int(response.status), dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return int(error.code), dict(error.headers), error.read()

    def get_json(self, path: str) -> dict:
        with self.opener.open(self.url(path), timeout=10) as response:
            return json.loads(response.read())

    def post_form(self, path: str, fields: dict[str, str]) -> int:
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        data = urllib.parse.urlencode(fields | {"csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.url(path), data=data)  # noqa: S310 - our own server
        with self.opener.open(request, timeout=10) as response:
            return int(response.status)

    def log_in(self, username: str, password: str) -> None:
        self.opener.open(self.url("/admin/login/"), timeout=10).read()
        self.post_form("/admin/login/?next=/admin/", {"username": username, "password": password})
        page = self.opener.open(self.url("/admin/"), timeout=10).read().decode()
        assert "Log out" in page or "logout" in page, "could not log in to the admin"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
