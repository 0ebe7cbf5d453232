"""The wheel is the whole service: installed outside the checkout, it checks, migrates, loads
its content and serves the API in both languages.

The wheel is built from a copy of the package sources, installed into a fresh virtual
environment in a temporary folder, and run from another one, so that nothing can be read from
the checkout. The dependencies are not downloaded again: the fresh environment sees this
checkout's site-packages after its own, where the installed footcare comes first.
"""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.ports import free_port

ROOT = Path(__file__).resolve().parents[1]
# What pyproject.toml packages: [tool.setuptools.packages.find], and the README it names.
SOURCES = ["pyproject.toml", "README.md", "footcare", "zones", "routines"]
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)

pytestmark = pytest.mark.server


class Installed:
    """A fresh environment with the wheel installed, and a folder outside the checkout."""

    def __init__(self, folder: Path) -> None:
        self.venv = folder / "venv"
        self.python = self.venv / "bin" / "python"
        self.workdir = folder / "run"
        self.workdir.mkdir()
        passed_on = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTHON", "REDIS_", "DATABASE_", "FOOTCARE_"))
        }
        self.env = passed_on | {
            "DJANGO_SETTINGS_MODULE": "footcare.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        }

    def run(self, *arguments: str) -> str:
        done = subprocess.run(
            [str(self.python), *arguments],
            cwd=self.workdir, env=self.env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def django(self, *arguments: str) -> str:
        return self.run("-m", "django", *arguments)


def build_wheel(folder: Path) -> Path:
    # From a copy: setuptools builds in the source folder, and a build/ left in the checkout
    # would put the copies of modules deleted since into the next wheel.
    source = folder / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy(ROOT / name, source / name)
    wheels = folder / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
         "--disable-pip-version-check", "--wheel-dir", str(wheels), str(source)],
        check=True, timeout=300,
    )  # fmt: skip
    return next(wheels.glob("footcare-*.whl"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    folder = tmp_path_factory.mktemp("installed")
    wheel = build_wheel(folder)
    service = Installed(folder)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(service.venv)], check=True)
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    own = Path(service.run("-c", purelib).strip())
    # A path line is appended to sys.path after the environment's own site-packages; the .pth
    # files in that folder (this checkout's editable footcare among them) are not run.
    checkout = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (own / "zz_checkout_dependencies.pth").write_text("\n".join(sorted(checkout)) + "\n", "utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(service.python), "install", "--no-deps",
         "--no-index", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True, timeout=300,
    )  # fmt: skip
    return service


@pytest.fixture(scope="module")
def server(installed: Installed) -> Iterator[str]:
    installed.django("migrate", "--noinput", "-v0")
    installed.django("load_content")
    port = free_port()
    process = subprocess.Popen(
        [str(installed.python), "-m", "gunicorn", "footcare.wsgi", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=installed.workdir, env=installed.env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).read()  # noqa: S310 - our own server
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.terminate()
                raise RuntimeError("the installed service did not start") from None
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


def get(url: str, language: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Accept-Language": language})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as error:
        return int(error.code), error.read().decode()


def test_the_installed_package_is_the_one_imported(installed):
    imported = Path(installed.run("-c", "import footcare; print(footcare.__file__)").strip())
    assert imported.is_relative_to(installed.venv)


def test_the_installed_service_passes_its_checks(installed):
    assert "no issues" in installed.django("check")


@pytest.mark.parametrize("path", ["/api/v1/zones/", "/api/v1/routines/"])
def test_the_installed_service_serves_the_api_in_both_languages(server, path):
    english_status, english = get(server + path, "en")
    russian_status, russian = get(server + path, "ru")
    assert (english_status, russian_status) == (200, 200)
    assert '"results"' in english
    assert not CYRILLIC.search(english)
    assert CYRILLIC.search(russian)


def test_the_installed_service_speaks_russian_from_its_own_catalogue(server):
    status, page = get(server + "/admin/login/", "ru")
    assert status == 200
    # Our words, not Django's: the site header comes from footcare/locale.
    assert "Контент footcare" in page
