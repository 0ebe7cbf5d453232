"""The Russian catalogue of the service's own strings is complete and compiled.

Every string the code marks for translation (admin labels, messages, the dashboard, the pages)
has a Russian text; the committed ``.mo`` is exactly what ``msgfmt`` makes of the committed
``.po``, so what runs is what was reviewed. Uses GNU gettext, as Django's makemessages does.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "footcare" / "locale" / "ru" / "LC_MESSAGES"
SOURCES = ["manage.py", "footcare", "zones", "routines"]

pytestmark = pytest.mark.server  # GNU gettext and manage.py in subprocesses


@pytest.fixture(scope="module")
def gettext_tools() -> None:
    if not shutil.which("msgfmt"):
        if os.environ.get("FOOTCARE_REQUIRE_GETTEXT"):
            pytest.fail("FOOTCARE_REQUIRE_GETTEXT is set but GNU gettext is not installed")
        pytest.skip("SKIPPED: GNU gettext is not installed (apt-get install -y gettext)")


def run(*command: str, cwd: Path | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def untranslated(po: Path) -> list[str]:
    """The msgids of ``po`` without a Russian text, or still marked fuzzy."""
    found = []
    for flag in ("--untranslated", "--only-fuzzy"):
        out = run("msgattrib", flag, "--no-wrap", "--no-location", str(po))
        found += [
            line.removeprefix("msgid ").strip('"')
            for line in out.splitlines()
            if line.startswith('msgid "') and line != 'msgid ""'
        ]
    return found


def test_every_marked_string_in_the_catalogue_has_a_russian_text(gettext_tools):
    assert untranslated(CATALOGUE / "django.po") == []


def test_the_committed_catalogue_is_compiled(gettext_tools, tmp_path):
    compiled = tmp_path / "django.mo"
    run("msgfmt", "--check", "-o", str(compiled), str(CATALOGUE / "django.po"))
    assert compiled.read_bytes() == (CATALOGUE / "django.mo").read_bytes(), (
        "footcare/locale/ru/LC_MESSAGES/django.mo is out of date: run `make messages`"
    )


def test_the_catalogue_holds_every_string_the_code_marks(gettext_tools, tmp_path):
    # makemessages writes beside the sources, so extract from a copy of them.
    for name in SOURCES:
        source = Path(settings.BASE_DIR) / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    run(sys.executable, "manage.py", "makemessages", "-l", "ru", "--no-obsolete", cwd=tmp_path)
    missing = untranslated(tmp_path / "footcare" / "locale" / "ru" / "LC_MESSAGES" / "django.po")
    assert missing == [], f"marked in the code but not translated ({len(missing)}): {missing}"
