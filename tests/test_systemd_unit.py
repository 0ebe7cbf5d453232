"""deploy/systemd/: units systemd accepts, running commands we have."""

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from footcare.management.commands.publish_static import Command
from tests.servers import ROOT

UNIT = ROOT / "deploy" / "systemd" / "footcare-publish.service"
APP_UNIT = ROOT / "deploy" / "systemd" / "footcare-app@.service"


def settings_of(unit: str) -> dict[str, str]:
    return dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and line[0] not in "#;"
    )


def test_the_unit_runs_the_watcher_and_brings_it_back():
    service = settings_of(UNIT.read_text())
    program, manage, command, *arguments = shlex.split(service["ExecStart"])
    assert (manage, command) == ("manage.py", "publish_static")
    parsed = Command().create_parser("manage.py", "publish_static").parse_args(arguments)
    assert parsed.watch
    assert Path(service["WorkingDirectory"]) / ".venv/bin/python" == Path(program)
    # Stopping withdraws the tree (SIGTERM); Restart= puts a publisher back.
    assert (service["KillSignal"], service["Restart"]) == ("SIGTERM", "always")
    # nginx's workers read what it writes, and it writes where the command is told.
    assert service["UMask"] == "0022"
    assert Path(arguments[0]).parent == Path("/var/lib") / service["StateDirectory"]


ANALYZE = shutil.which("systemd-analyze")


def test_the_app_unit_serves_on_loopback_at_the_instances_port():
    service = settings_of(APP_UNIT.read_text())
    program, application, *arguments = shlex.split(service["ExecStart"])
    assert Path(service["WorkingDirectory"]) / ".venv/bin/gunicorn" == Path(program)
    assert application == "footcare.wsgi"
    assert arguments[arguments.index("--bind") + 1] == "127.0.0.1:%i"
    assert service["Restart"] == "always"


@pytest.mark.server
@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not here")
@pytest.mark.parametrize(
    ("unit", "name"),
    [(UNIT, UNIT.name), (APP_UNIT, "footcare-app@8000.service")],
    ids=["publish", "app"],
)
def test_systemd_accepts_the_unit(tmp_path, unit, name):
    # This checkout and this machine's user stand in for /srv/footcare and footcare.
    text = unit.read_text().replace("/srv/footcare/.venv/bin/python", sys.executable)
    text = text.replace(
        "/srv/footcare/.venv/bin/gunicorn", str(Path(sys.executable).parent / "gunicorn")
    )
    text = text.replace("/srv/footcare", str(ROOT)).replace("=/etc/footcare/", "=-/etc/footcare/")
    text = text.replace("User=footcare", "User=root").replace("Group=footcare", "Group=root")
    (tmp_path / name).write_text(text)
    checked = subprocess.run(
        [str(ANALYZE), "verify", str(tmp_path / name)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    # systemd-analyze exits 0 on unknown keys and bad values; it only says so.
    assert (checked.returncode, checked.stderr) == (0, "")
