"""A quiz as a user takes it: in a real pseudo-terminal, piped, interrupted and killed."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pexpect
import pytest
from prephelp import ROOT, prep_env, run_prep


def answers_in_store(home: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(home / "progress.sqlite3") as conn:
        return conn.execute("SELECT question_id, outcome FROM answers ORDER BY id").fetchall()


def spawn(home: Path, banks: Path, *args: str) -> pexpect.spawn:
    env = prep_env(PREP_HOME=str(home), PREP_BANKS=str(banks), COLUMNS="100", TERM="xterm")
    child = pexpect.spawn(sys.executable, ["-m", "prepcli", *args], env=env, cwd=str(ROOT),
                          encoding="utf-8", timeout=30, dimensions=(40, 100))
    return child


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def plain(text: str) -> str:
    return ANSI.sub("", text).replace("\r", "")


def letter_of(screen: str, choice: str) -> str:
    screen = plain(screen)
    m = re.search(rf"([a-h])\) {re.escape(choice)}\s*$", screen, re.MULTILINE)
    assert m, screen
    return m.group(1)


def test_full_session_in_a_terminal(prep_home: Path, tmp_path: Path) -> None:
    child = spawn(prep_home, tmp_path / "banks", "quiz", "tiny", "--seed", "3", "-n", "5")
    # Difficulty-1 questions come first among new ones; find which is shown and answer it right.
    answered: dict[str, str] = {}
    for _ in range(3):
        child.expect(r"› ")
        screen = plain(child.before)
        if "duplicate detections" in screen:
            child.sendline(letter_of(screen, "NMS"))
            child.expect("✓ Right")
            answered["tiny-mcq"] = "right"
        elif "one-stage detectors" in screen:
            child.sendline("?")  # a hint first
            child.expect("hint")
            child.expect(r"› ")
            child.sendline(letter_of(screen, "YOLO"))  # only one of the two right choices
            child.expect("✗ Wrong")
            child.expect("RetinaNet")  # the right answer is shown
            answered["tiny-multi"] = "wrong"
        else:
            assert "patches does a" in screen
            child.sendline("s")  # skip
            child.expect("Skipped")
            child.expect(r"/16\)\^2 = ")  # a skip shows the answer and the explanation
            answered["tiny-numeric"] = "skipped"
    child.expect(r"› ")
    child.sendline("q")
    child.expect(r"Session.*1/2 right")
    child.expect("Comes back:")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert dict(answers_in_store(prep_home)) == answered


def test_unreadable_answer_asks_again_instead_of_marking_wrong(prep_home: Path, tmp_path: Path) -> None:
    child = spawn(prep_home, tmp_path / "banks", "quiz", "tiny", "--type", "numeric", "--seed", "1")
    child.expect(r"› ")
    first_screen = plain(child.before)
    child.sendline("two hundred")
    child.expect("type a number")
    child.expect(r"› ")
    child.before = first_screen
    m = re.search(r"does a (\d+)x\1 image", plain(child.before))
    assert m, plain(child.before)
    size = int(m.group(1))
    child.sendline(str((size // 16) ** 2))
    child.expect("✓ Right")
    child.expect(pexpect.EOF)
    assert answers_in_store(prep_home) == [("tiny-numeric", "right")]


def test_piped_session_reads_one_line_per_prompt(prep_home: Path, tmp_path: Path) -> None:
    # open question: answer line, then grade line; EOF then ends the session cleanly
    r = run_prep("quiz", "tiny", "--type", "open", input="sort and suppress\n3\n",
                 PREP_HOME=str(prep_home), PREP_BANKS=str(tmp_path / "banks"))
    assert r.returncode == 0, r.stderr
    assert "model answer" in r.stdout and "suppress IoU above the threshold" in r.stdout
    assert "Session · 1/1 right" in r.stdout
    assert answers_in_store(prep_home) == [("tiny-open", "right")]


def test_piped_eof_mid_session_keeps_what_was_answered(prep_home: Path, tmp_path: Path) -> None:
    r = run_prep("quiz", "tiny", "--type", "short", "--type", "open", "--seed", "2",
                 input="roi align\n3\n", PREP_HOME=str(prep_home), PREP_BANKS=str(tmp_path / "banks"))
    assert r.returncode == 0
    assert "Traceback" not in r.stderr
    assert len(answers_in_store(prep_home)) == 1


def test_kill_9_mid_session_keeps_every_answer_given(prep_home: Path, tmp_path: Path) -> None:
    child = spawn(prep_home, tmp_path / "banks", "quiz", "tiny", "--type", "short", "--type",
                  "mcq", "--seed", "5")
    seen = []
    for _ in range(2):
        child.expect(r"› ")
        screen = plain(child.before)
        if "duplicate detections" in screen:
            child.sendline(letter_of(screen, "NMS"))
            seen.append("tiny-mcq")
        else:
            child.sendline("RoI Align")
            seen.append("tiny-short")
        child.expect("✓ Right")
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert [q for q, _ in answers_in_store(prep_home)] == seen


def test_ctrl_c_prints_the_summary_so_far_and_exits_cleanly(prep_home: Path, tmp_path: Path) -> None:
    child = spawn(prep_home, tmp_path / "banks", "quiz", "tiny", "--type", "short", "--type", "mcq",
                  "--seed", "5")
    child.expect(r"› ")
    screen = plain(child.before)
    child.sendline(letter_of(screen, "NMS") if "duplicate detections" in screen else "roi align")
    child.expect("✓ Right")
    child.expect(r"› ")
    time.sleep(0.2)
    child.sendintr()
    child.expect(r"Session.*interrupted.*1/1 right")
    child.expect(pexpect.EOF)
    child.close()
    assert "Traceback" not in (child.before or "")
    assert child.exitstatus == 130
    assert len(answers_in_store(prep_home)) == 1


def test_unknown_topic_names_the_closest_and_exits_2(prep_home: Path) -> None:
    r = run_prep("quiz", "tinny", PREP_HOME=str(prep_home), PREP_BANKS=os.environ["PREP_BANKS"])
    assert r.returncode == 2
    (error,) = [line for line in r.stderr.splitlines() if line.startswith("Error:")]
    assert error.startswith("Error: unknown topic 'tinny'. Did you mean `tiny`?")
    assert "Known topics:" in r.stderr and "Traceback" not in r.stderr


def test_seed_makes_order_choices_and_numbers_reproducible(prep_home: Path) -> None:
    runs = [run_prep("quiz", "tiny", "--seed", "7", "--no-record", input="") for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    other = run_prep("quiz", "tiny", "--seed", "8", "--no-record", input="")
    assert other.returncode == 0


@pytest.mark.parametrize("width", ["40", "200"])
def test_quiz_renders_at_narrow_and_wide_terminals(prep_home: Path, width: str) -> None:
    r = run_prep("quiz", "tiny", "--type", "mcq", input="a\n", COLUMNS=width)
    assert r.returncode == 0
    assert max(len(line) for line in r.stdout.splitlines()) <= int(width)
    assert "NMS" in r.stdout


def test_a_wrong_answer_comes_back_later_in_the_session(prep_home: Path, tmp_path: Path) -> None:
    r = run_prep("quiz", "tiny", "--type", "short", input="roi pool\nroi align\n",
                 PREP_HOME=str(prep_home), PREP_BANKS=str(tmp_path / "banks"))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.count("RoI feature extractor") == 2 and "2/2 · tiny · short · ●●○ · again" in out
    assert "✗ Wrong" in out and "✓ Right" in out
    # the score is the first try's; the summary says what was relearned
    assert "Session · 0/1 right" in out
    assert "Asked again after a wrong answer: 1 question, 1 right the second time" in out
    assert answers_in_store(prep_home) == [("tiny-short", "wrong"), ("tiny-short", "right")]


def test_wrong_every_time_stops_coming_back_after_three_more_tries(prep_home: Path, tmp_path: Path) -> None:
    r = run_prep("quiz", "tiny", "--type", "short", input="roi pool\n" * 10,
                 PREP_HOME=str(prep_home), PREP_BANKS=str(tmp_path / "banks"))
    assert r.stdout.count("RoI feature extractor") == 4
    assert "1 still wrong" in r.stdout


def test_open_answer_graded_by_the_key_points_ticked(prep_home: Path, tmp_path: Path) -> None:
    r = run_prep("quiz", "tiny", "--type", "open", input="sort, keep the best, suppress\na b\n\n",
                 PREP_HOME=str(prep_home), PREP_BANKS=str(tmp_path / "banks"))
    assert r.returncode == 0, r.stderr
    assert "a) sort by score" in r.stdout and "c) repeat" in r.stdout
    assert "2/3 key points: grade 2 (hard)" in r.stdout and "graded hard" in r.stdout
    with sqlite3.connect(prep_home / "progress.sqlite3") as conn:
        assert conn.execute("SELECT rating FROM answers").fetchall() == [(2,)]
    # typing a grade straight away still works, as before
    r = run_prep("quiz", "tiny", "--type", "open", input="x\n4\n", PREP_HOME=str(prep_home),
                 PREP_BANKS=str(tmp_path / "banks"), )
    assert "graded easy" in r.stdout
