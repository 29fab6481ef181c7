"""The new commands in a real pseudo-terminal, as a user types them."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pexpect
from prephelp import ROOT, prep_env

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_in_terminal(home: Path, *args: str, width: int = 100) -> tuple[int, str]:
    env = prep_env(PREP_HOME=str(home), PREP_BANKS=str(home.parent / "banks"), COLUMNS=str(width),
                   TERM="xterm")
    child = pexpect.spawn(sys.executable, ["-m", "prepcli", *args], env=env, cwd=str(ROOT),
                          encoding="utf-8", timeout=60, dimensions=(50, width))
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, ANSI.sub("", child.before).replace("\r", "")


def test_version_kata_next_readiness_and_anki_in_a_terminal(prep_home: Path, tmp_path: Path) -> None:
    from prepcli import __version__

    code, out = run_in_terminal(prep_home, "--version")
    assert code == 0 and out.strip() == f"prep {__version__}"
    code, out = run_in_terminal(prep_home, "kata", "next", width=60)
    assert code == 0 and "Passed 0/31 katas" in out and "Next: prep kata" in out
    code, _ = run_in_terminal(prep_home, "config", "interview-date", "2099-06-01")
    assert code == 0
    code, out = run_in_terminal(prep_home, "stats", width=60)
    assert code == 0 and "Interview day 2099-06-01" in out and "reviews a day" in out
    assert max(len(line) for line in out.splitlines()) <= 60
    apkg = tmp_path / "deck.apkg"
    code, out = run_in_terminal(prep_home, "export", "--anki", str(apkg), "--topic", "tiny")
    assert code == 0 and "Wrote 5 notes in 1 deck" in out
    assert "collection.anki2" in zipfile.ZipFile(apkg).namelist()
