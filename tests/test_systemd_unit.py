"""deploy/systemd/footcare-publish.service: a unit systemd accepts, running a command we have."""

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from footcare.management.commands.publish_static import Command
from tests.servers import ROOT

UNIT = ROOT / "deploy" / "systemd" / "footcare-publish.service"


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


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not here")
def test_systemd_accepts_the_unit(tmp_path):
    # This checkout and this machine's user stand in for /srv/footcare and footcare.
    unit = UNIT.read_text().replace("/srv/footcare/.venv/bin/python", sys.executable)
    unit = unit.replace("/srv/footcare", str(ROOT)).replace("=/etc/footcare/", "=-/etc/footcare/")
    unit = unit.replace("User=footcare", "User=root").replace("Group=footcare", "Group=root")
    (tmp_path / UNIT.name).write_text(unit)
    checked = subprocess.run(
        [str(ANALYZE), "verify", str(tmp_path / UNIT.name)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    # systemd-analyze exits 0 on unknown keys and bad values; it only says so.
    assert (checked.returncode, checked.stderr) == (0, "")
