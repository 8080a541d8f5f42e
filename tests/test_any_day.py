"""The answers do not depend on the day the suite runs: the engine, data, CLI and golden tests again with the
machine's clock moved (Debian's faketime) to a day inside 开原's 2024 window and to 2031. A test or an answer that
reads the clock where it should be told the day fails here the day it is written, not months later when the real
date passes a deadline. (The browser tests fix the page's clock themselves: tests/e2e/conftest.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.helpers import ROOT

DAYS = ("2024-03-15 09:30:00", "2031-01-01 10:00:00")


@pytest.mark.parametrize("day", DAYS)
def test_the_suite_passes_with_the_clock_moved(day):
    faketime = shutil.which("faketime")
    # A run that is itself under faketime (the whole suite proved on another day) hands on a clean clock: faketime
    # inside faketime would move the clock twice.
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAKETIME") and k != "LD_PRELOAD"}
    assert faketime, "faketime is not installed: run `make test` as root, or `sudo apt-get install faketime`"
    probe = subprocess.run([faketime, day, sys.executable, "-c", "import datetime; print(datetime.date.today())"],
                           capture_output=True, text=True, check=True, env=env)
    assert probe.stdout.strip() == day.split()[0], "faketime did not move Python's clock"
    run = subprocess.run(
        [faketime, day, sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "--ignore=tests/e2e",
         "--ignore=tests/test_any_day.py"],
        cwd=ROOT, capture_output=True, text=True, env=env)
    assert run.returncode == 0, f"on {day}:\n{run.stdout[-3000:]}\n{run.stderr[-2000:]}"
