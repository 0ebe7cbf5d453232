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
    # In-process caches: answers warmed into a shared Redis would be keyed by this database's
    # journal positions, which other databases (the test suite's) reach too.
    env.pop("REDIS_URL", None)
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
    print(write_fingerprints(*sys.argv[1:]))


# An editor's work under the previous release, done through its own code: a routine's step
# reworded, a zone renamed in Russian, the draft routine deleted.
EDITOR_S_CHANGES = """
from routines.models import Routine
from zones.models import Zone
step = Routine.objects.get(slug="relaxing-full-foot-massage").steps.get(position=1)
step.instruction_en = "Stroke the whole foot slowly, toes to ankle, as our editor wrote it."
step.save()
zone = Zone.objects.get(slug="liver")
zone.name_ru = "Печень (правка редактора)"
zone.save()
Routine.objects.get(slug="desk-break-draft").delete()
"""


def probe() -> None:
    """Print, as JSON, what an upgrade test asserts on: the violations and the items they
    name, the editor's edits, every routine as a pack would say it, and the dashboard's list
    of items that break rules in each language. Runs in today's code (``manage.py shell``)."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import translation

    from footcare.content.findings import items_of
    from footcare.content.rules import violations
    from routines.content.pack import _routine_item
    from routines.models import Routine
    from zones.models import Zone

    with translation.override("en"):
        found = violations()
    relaxing = Routine.objects.filter(slug="relaxing-full-foot-massage").first()
    setup_test_environment()  # the client's host is allowed and its answers keep their context
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("upgrade-probe"))
    dashboard = {}
    for language in ("en", "ru"):
        response = client.get(reverse("admin:index"), headers={"accept-language": language})
        listing = next(one for one in response.context["dashboard"].listings if one.key == "rules")
        html = response.content.decode()
        dashboard[language] = {
            "heading": listing.heading,
            "entries": [[entry.label, entry.url, entry.tag] for entry in listing.entries],
            "linked": all(f'href="{entry.url}"' in html for entry in listing.entries if entry.url),
        }
    print(
        json.dumps(
            {
                "violations": [
                    {
                        "text": str(violation),
                        "items": [
                            f"{item.model._meta.label_lower} {item.key}"
                            for item in items_of(violation.location)
                        ],
                    }
                    for violation in found
                ],
                "step_1": relaxing.steps.get(position=1).instruction_en if relaxing else None,
                "liver_ru": Zone.objects.get(slug="liver").name_ru,
                "draft_deleted": not Routine.objects.filter(slug="desk-break-draft").exists(),
                "routines": {
                    routine.slug: _routine_item(routine) for routine in Routine.objects.all()
                },
                "dashboard": dashboard,
            },
            ensure_ascii=False,
        )
    )
