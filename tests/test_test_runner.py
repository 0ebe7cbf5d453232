"""The test runner does what the Makefile counts on.

``make test`` runs ``pytest -n auto --dist loadgroup`` so that the tests sharing an
expensive fixture (nginx and gunicorn for ``edge``, Chromium and a live server for
``browser``) run in one worker, which builds it once. A run that loses the grouping still
passes, only a minute slower on two cores, so nothing but this test would say so: pytest 9.2
stopped letting pytest-xdist 3.8 name a test's group (pytest-xdist issue #1386), and every
grouped fixture was built on both workers until pyproject.toml kept pytest below 9.2.
"""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.server  # runs pytest in a subprocess

GROUPED_TESTS = """
import os

import pytest


@pytest.mark.xdist_group("shared")
@pytest.mark.parametrize("number", range(6))
def test_grouped(number):
    print("WORKER", os.environ["PYTEST_XDIST_WORKER"])
"""


def test_loadgroup_runs_a_group_in_one_worker(tmp_path: Path) -> None:
    (tmp_path / "test_grouped.py").write_text(GROUPED_TESTS)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-p", "no:django",
         "-p", "no:cacheprovider", "-rP", "-q", "test_grouped.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    workers = {line.split()[1] for line in result.stdout.splitlines() if line.startswith("WORKER")}
    assert len(workers) == 1, f"one group ran on {sorted(workers)}"
