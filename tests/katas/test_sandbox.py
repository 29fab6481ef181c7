"""The sandbox: whatever the user's file does, the verdict is clear, quick, and never a pass."""

from __future__ import annotations

import os
import time

import pytest
from katahelp import SOLUTIONS, check

from prepcli.katas.orchestrate import Limits

BOX = SOLUTIONS / "sandbox"


@pytest.mark.parametrize(("file", "error", "phrase"), [
    ("syntax_error.py", "syntax-error", "SyntaxError"),
    ("raises.py", "exception", "KeyError"),
    ("infinite_loop.py", "timeout", "longer than"),
    ("sleeps_in_c.py", "timeout", "longer than"),
    ("memory_hog.py", "memory", "memory"),
    ("exit_at_import.py", "exit", "sys.exit(0)"),
    ("os_exit_in_call.py", "exit", "exited"),
    ("wrong_type.py", "wrong-type", "returned a str"),
    ("imports_prepcli.py", "import-error", "prepcli"),
    ("forge_done.py", "protocol", "broken"),
])
def test_bad_file_gives_its_verdict_quickly(file, error, phrase) -> None:  # type: ignore[no-untyped-def]
    t0 = time.monotonic()
    v = check("iou", BOX / file, limits=Limits(case_s=3.0 if "memory" in file else 1.5, import_s=5.0))
    took = time.monotonic() - t0
    assert not v.passed and not v.correct
    assert v.error == error, (v.error, v.message)
    assert phrase in v.message, v.message
    assert took < 15, took


def test_print_flood_is_captured_and_cut() -> None:
    v = check("iou", BOX / "print_flood.py")
    assert not v.passed
    assert v.error == "wrong-type"
    assert len(v.stdout) < 5000 and "more bytes cut" in v.stdout


def test_monkeypatching_numpy_cannot_fake_a_pass() -> None:
    v = check("iou", BOX / "monkeypatch.py")
    assert not v.passed and v.error == "wrong-answer"


def test_no_stray_process_survives(tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = _sleepers()
    v = check("iou", BOX / "spawns_child.py", limits=Limits(case_s=1.0))
    assert v.error == "timeout"
    time.sleep(0.3)
    assert _sleepers() <= before


def _sleepers() -> int:
    n = 0
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if b"time.sleep(600)" in f.read():
                        n += 1
            except OSError:
                pass
    return n


def test_reference_is_not_importable_or_in_the_child(tmp_path) -> None:  # type: ignore[no-untyped-def]
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import sys\n"
        "leaks = [m for m in sys.modules if 'reference' in m or 'prepcli' in m]\n"
        "try:\n    import reference\n    leaks.append('import reference')\nexcept ImportError:\n    pass\n"
        "def iou(boxes1, boxes2):\n    raise RuntimeError('LEAKS=' + repr(leaks))\n")
    v = check("iou", probe)
    assert v.error == "exception"
    assert "LEAKS=[]" in v.message


def test_missing_function_and_missing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "other.py"
    f.write_text("def not_iou(a, b):\n    return a\n")
    v = check("iou", f)
    assert v.error == "missing-function" and "iou()" in v.message
    from prepcli.errors import UsageError

    with pytest.raises(UsageError):
        check("iou", tmp_path / "nope.py")
    with pytest.raises(UsageError):
        check("focal_loss", SOLUTIONS / "focal_loss" / "textbook.py", "numpy")


def test_a_file_that_moves_around_and_litters_still_gets_a_plain_verdict(tmp_path) -> None:  # type: ignore[no-untyped-def]
    solution = tmp_path / "iou.py"
    solution.write_text((BOX / "moves_around.py").read_text())
    v = check("iou", solution)
    assert v.correct and v.error is None, (v.error, v.message)
    assert (tmp_path / "scratch.txt").exists()  # its side effects stay its own
    assert solution.read_text() == (BOX / "moves_around.py").read_text()
