"""The previous release's database, built by the previous release's own code.

``git archive`` of the release into a folder, then its ``migrate`` and ``load_content`` in a
subprocess (it runs with this checkout's virtualenv), against the database ``DATABASE_URL``
names. ``tests/test_upgrade.py`` upgrades such a database; run as a script, this module writes
the fingerprints of the items as that release's pack left them (after today's migrations),
which the loader ships in ``footcare/content/releases/`` (``make release-fingerprints``):

    .venv/bin/python -m tests.previous_release [RELEASE]
"""

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The release before the loader kept fingerprints: `make run`'s database of it is upgraded.
RELEASE = "6ddff30"
RELEASES = ROOT / "footcare" / "content" / "releases"


def release_available(release: str = RELEASE) -> str:
    """Why the release cannot be built here ("" when it can): git, and the commit."""
    try:
        found = subprocess.run(
            ["git", "-C", str(ROOT), "cat-file", "-e", f"{release}^{{commit}}"],  # noqa: S607
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        return "git is not installed"
    return "" if found.returncode == 0 else f"this clone has no commit {release} (a shallow clone?)"


def unpack(release: str, folder: Path) -> Path:
    """The release's files (``git archive``) in ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", release],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def manage(tree: Path, database_url: str, *args: str) -> str:
    """``manage.py args`` of the code in ``tree`` against ``database_url``; its output."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database_url}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # each tree's manage.py names its own
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{tree.name}: manage.py {' '.join(args)}:\n{done.stdout}{done.stderr}")
    return done.stdout


def build(tree: Path, database_url: str) -> None:
    """The release's `make run` before the server starts: migrate, then load its pack."""
    manage(tree, database_url, "migrate", "--noinput", "-v0")
    manage(tree, database_url, "load_content")


FINGERPRINTS = (
    "import json; from footcare.content.fingerprints import fingerprints_of_the_database; "
    "print(json.dumps(fingerprints_of_the_database(), sort_keys=True, indent=0))"
)


def write_fingerprints(release: str = RELEASE) -> Path:
    """Build the release's database, migrate it with today's code, and write the fingerprints
    of its items to ``footcare/content/releases/<release>.json``."""
    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{folder}/previous.sqlite3"
        build(unpack(release, Path(folder) / "release"), database)
        manage(ROOT, database, "migrate", "--noinput", "-v0")
        printed = manage(ROOT, database, "shell", "-v0", "-c", FINGERPRINTS)
    target = RELEASES / f"{release}.json"
    target.write_text(json.dumps(json.loads(printed), sort_keys=True, indent=0) + "\n")
    return target


if __name__ == "__main__":
    print(write_fingerprints(*sys.argv[1:]))  # noqa: T201
