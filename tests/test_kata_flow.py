"""A user's path through a kata, end to end: list, start, fail, pass, see it in stats."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from prephelp import ROOT, prep_env, run_prep

SOLUTIONS = ROOT / "tests" / "katas" / "solutions"


def test_listing_filters_and_groups_by_topic(prep_home: Path) -> None:
    r = run_prep("kata", COLUMNS="120")
    assert r.returncode == 0
    for kata in ("iou", "nms", "focal_loss", "nt_xent", "patchify"):
        assert f"│ {kata} " in r.stdout
    r = run_prep("kata", "--topic", "detection", COLUMNS="120")
    assert "│ iou " in r.stdout and "│ nt_xent " not in r.stdout
    r = run_prep("kata", "--status", "done")
    assert r.returncode == 2 and "new, failing, passed" in r.stderr
    r = run_prep("kata", "--topic", "detecton")
    assert r.returncode == 2 and "Did you mean `detection`?" in r.stderr


def test_unknown_kata_lists_the_catalog_and_the_closest(prep_home: Path) -> None:
    r = run_prep("kata", "nmss")
    assert r.returncode == 2
    (line,) = [ln for ln in r.stderr.splitlines() if ln.startswith("Error:")]
    assert "nmss" in line and "Did you mean" in line and "nms" in line and "patchify" in line


def test_start_fail_pass_and_stats(prep_home: Path) -> None:
    r = run_prep("kata", "iou", COLUMNS="100")
    assert r.returncode == 0, r.stderr
    stub = prep_home / "workspace" / "iou.py"
    assert stub.is_file() and str(stub) in r.stdout.replace("\n", "")
    assert "prep quiz --tag iou" in r.stdout  # the theory behind the kata
    r = run_prep("kata", "iou", COLUMNS="100")
    assert r.returncode == 1
    assert "not implemented" in r.stdout.lower()
    shutil.copy(SOLUTIONS / "iou" / "wrong_plus_one.py", stub)
    r = run_prep("kata", "iou", COLUMNS="100")
    assert r.returncode == 1 and "+1" in r.stdout and "prep quiz --tag iou" in r.stdout
    shutil.copy(SOLUTIONS / "iou" / "textbook.py", stub)
    r = run_prep("kata", "iou", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    verdict = json.loads(r.stdout)
    assert verdict["passed"] and verdict["correct"] and verdict["within_budget"]
    assert {"kata", "passed", "correct", "within_budget", "error", "checks"} <= set(verdict)
    stats = json.loads(run_prep("stats", "--json").stdout)
    iou = next(k for k in stats["katas"] if k["id"] == "iou")
    assert iou["attempts"] == 3 and iou["passed"]  # the stub, the +1 and the textbook checks and iou["best_ratio"] is not None


def test_two_quizzes_and_a_kata_check_at_once_lose_nothing(prep_home: Path, tmp_path: Path) -> None:
    env = prep_env()
    stub_dir = prep_home / "workspace"
    stub_dir.mkdir(parents=True)
    shutil.copy(SOLUTIONS / "nms" / "textbook.py", stub_dir / "nms.py")
    quiz = [sys.executable, "-m", "prepcli", "quiz", "tiny", "-n", "5", "--seed"]
    answers = "s\n" * 5  # skips are recorded too, whatever the order of questions
    procs = [subprocess.Popen(quiz + [str(s)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT) for s in (1, 2)]
    kata = subprocess.Popen([sys.executable, "-m", "prepcli", "kata", "nms", "--no-timing"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    outs = [p.communicate(answers, timeout=120) for p in procs]
    kout = kata.communicate(timeout=120)
    assert all(p.returncode == 0 for p in procs), outs
    assert kata.returncode == 1 and "CORRECT, UNTIMED" in kout[0], kout  # not a full check
    assert not any("locked" in o + e for o, e in [*outs, kout])
    with sqlite3.connect(prep_home / "progress.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 10
        assert conn.execute("SELECT COUNT(*) FROM kata_runs WHERE correct AND NOT passed"
                            ).fetchone()[0] == 1
