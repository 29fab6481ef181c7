"""`prep mock` as a user takes it: questions against the clock, an open answer graded by key
points, a kata checked with the clock running, the report, and the history in `prep stats`."""

from __future__ import annotations

import json
import re
import signal
import sys
from pathlib import Path

import pexpect
from prephelp import ROOT, prep_env, run_prep

from prepcli.quiz.keypoints import parse_covered, suggest_grade

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
SOLUTIONS = Path(__file__).resolve().parent / "katas" / "solutions"


def plain(text: str) -> str:
    return ANSI.sub("", text).replace("\r", "")


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = prep_env(PREP_HOME=str(home), PREP_BANKS=str(home.parent / "banks"), COLUMNS="100",
                   TERM="xterm", PREP_WORKSPACE=str(home / "ws"))
    return pexpect.spawn(sys.executable, ["-m", "prepcli", *args], env=env, cwd=str(ROOT),
                         encoding="utf-8", timeout=60, dimensions=(40, 100))


def answer_until_kata(child: pexpect.spawn) -> list[str]:
    """Answer every question of the tiny bank as it comes; returns the types seen."""
    seen = []
    while True:
        i = child.expect([r"· (mcq|multi|numeric|short|open) · ⏱ \d+:\d\d left", r"Kata · iou"])
        if i == 1:
            return seen
        qtype = child.match.group(1)
        seen.append(qtype)
        if qtype == "open":
            child.expect(r"› ")
            child.sendline("Sort the boxes by score, keep the best one")
            child.sendline("and drop the others that overlap it too much.")
            child.sendline("")
            child.expect(r"Key points you covered .*› ")
            child.sendline("a b")
            child.expect(r"2/3 key points: grade 2 \(hard\)\. Enter to keep, or 1-4 › ")
            child.sendline("")
        else:
            child.expect(r"› ")
            child.sendline({"mcq": "a", "multi": "a b", "numeric": "196", "short": "roi align"}[qtype])


def test_a_whole_mock_in_a_terminal(prep_home: Path) -> None:
    child = spawn(prep_home, "mock", "--minutes", "15", "--topics", "tiny", "--kata", "iou", "--seed", "4")
    child.expect("Mock interview")
    seen = answer_until_kata(child)
    assert "open" in seen and len(seen) == 5  # the whole tiny bank fits in 10 minutes
    child.expect(r"⏱ \d+:\d\d left · Enter to check, done to finish › ")
    path = prep_home / "ws" / "mock" / "iou.py"
    assert f"Write your solution in {path}" in plain(child.before).replace("\n", "")
    assert "raise NotImplementedError" in path.read_text() or "..." in path.read_text()
    child.sendline("")  # the stub as written: not passed, the clock keeps running
    child.expect(r"FAILED")
    child.expect(r"⏱ \d+:\d\d left · Enter to check")
    path.write_text((SOLUTIONS / "iou" / "textbook.py").read_text())
    child.sendline("")
    child.expect("PASSED", timeout=120)
    child.expect(r"Mock interview · \d/5 right")
    report = plain(child.before + child.after)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, report
    screen = plain(child.before)
    assert "Kata iou: PASSED after 2 checks" in screen
    assert "tiny" in screen and "hard" in screen  # the open question's grade
    doc = json.loads(run_prep("stats", "--json").stdout)
    (m,) = doc["mocks"]
    assert m["kata"] == "iou" and m["kata_result"] == "PASSED" and m["answered"] == 5
    assert any(k["id"] == "iou" and k["status"] == "passed" for k in doc["katas"])
    stats = run_prep("stats").stdout
    assert "Mock interviews" in stats


def test_ctrl_c_ends_the_mock_with_the_report_so_far(prep_home: Path) -> None:
    child = spawn(prep_home, "mock", "--minutes", "10", "--topics", "tiny", "--no-kata")
    child.expect(r"› ")
    child.kill(signal.SIGINT)
    child.expect(r"Mock interview · 0/0 right")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    doc = json.loads(run_prep("stats", "--json").stdout)
    assert doc["mocks"][0]["right"] == 0 and doc["mocks"][0]["kata"] is None


def test_piped_mock_reads_one_line_per_prompt(prep_home: Path) -> None:
    r = run_prep("mock", "--minutes", "10", "--topics", "tiny", "--no-kata", "--seed", "1",
                 input="q\n")
    assert r.returncode == 0, r.stderr
    assert "Mock interview · 0/0 right" in r.stdout and "planned questions not reached" in r.stdout
    r = run_prep("mock", "--minutes", "5")
    assert r.returncode == 2 and "at least 10 minutes" in r.stderr


def test_key_points_suggest_a_grade() -> None:
    assert [suggest_grade(n, 4) for n in range(5)] == [1, 1, 2, 2, 3]
    assert parse_covered("a, c", 3) == (0, 2) and parse_covered("all", 2) == (0, 1)
    assert parse_covered("", 3) == ()
