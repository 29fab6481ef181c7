"""Output a user can read on any terminal: narrow, wide, no colour, dumb, non-UTF-8."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from prephelp import ROOT, prep_env, run_prep

ESC = "\x1b["


@pytest.mark.parametrize("args,stdin", [
    (["quiz", "tiny", "--type", "mcq", "--type", "short", "--seed", "1"], "a\nroi align\n"),
    (["topics"], None),
    (["stats"], None),
])
@pytest.mark.parametrize("width", [40, 200])
def test_no_line_is_wider_than_the_terminal(prep_home: Path, args: list[str], stdin: str | None,
                                            width: int) -> None:
    run_prep("quiz", "tiny", "--type", "mcq", input="a\n")  # so stats has something to show
    r = run_prep(*args, input=stdin, COLUMNS=str(width))
    assert r.returncode == 0, r.stderr
    widths = [len(line) for line in r.stdout.splitlines()]
    assert max(widths) <= width
    # tables are drawn whole: every border row of a table has the same width
    for block in re.findall(r"(┏[^\n]*\n(?:[^\n]*\n)*?└[^\n]*)", r.stdout):
        rows = block.splitlines()
        assert len({len(rows[0]), len(rows[-1])}) == 1


@pytest.mark.parametrize("env", [{"NO_COLOR": "1", "TERM": "xterm-256color"}, {"TERM": "dumb"}])
def test_no_color_and_dumb_terminals_get_plain_text(prep_home: Path, env: dict[str, str]) -> None:
    r = run_prep("quiz", "tiny", "--type", "mcq", input="a\n", FORCE_COLOR="", **env)
    assert r.returncode == 0
    assert ESC + "3" not in r.stdout  # no colour codes


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_a_non_utf8_terminal_does_not_crash(prep_home: Path, encoding: str) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "prepcli", "quiz", "tiny", "--type", "mcq", "--type", "open",
         "--seed", "2"], input=b"a\nsorted\n3\n", capture_output=True, cwd=ROOT, timeout=60,
        env=prep_env(PYTHONIOENCODING=encoding, LC_ALL="C", LANG="C"))
    out, err = r.stdout.decode(encoding), r.stderr.decode(encoding)
    assert r.returncode == 0, err
    assert "Traceback" not in err
    assert "right" in out
