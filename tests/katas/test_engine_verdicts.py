"""Verdicts the engine owes every kata: large inputs judged, crashes at any size are errors,
inputs unchanged, output shown once and escaped, no hang after a pass, torch missing explained."""

from __future__ import annotations

import os
import signal
import time

import pytest
from katahelp import SOLUTIONS, check

ENGINE = SOLUTIONS / "engine"


@pytest.mark.parametrize(("kata", "file", "phrase"), [
    # (the 100-best and int8-index solutions now fail on a 300+ box correctness case already:
    # tests/katas/test_mistakes_solutions.py checks them)
    ("nms", "nms_top1000.py", "N boxes = 3000"),
])
def test_a_solution_wrong_only_on_large_inputs_fails_naming_the_size(kata, file, phrase) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, ENGINE / file)  # untimed: the largest timing input is still judged
    assert not v.passed and not v.correct
    assert v.error == "wrong-answer", (v.error, v.message)
    assert phrase in v.message, v.message
    assert v.failing_case is not None and "timing input" in v.failing_case.name
    assert any(c.name == "large inputs" and not c.passed for c in v.checks)


def test_a_crash_during_timing_is_an_error_naming_the_size_not_too_slow() -> None:
    v = check("iou", ENGINE / "iou_assert_at_timing.py", timing=True, repeats=3)
    assert not v.passed and not v.correct and v.within_budget is None
    assert v.error == "exception", (v.error, v.message)
    assert "AssertionError" in v.message and "N = M = 250" in v.message, v.message


@pytest.mark.parametrize(("file", "error", "phrase"), [
    ("iou_exit_at_timing.py", "exit", "exited"),
    ("iou_recursion_at_timing.py", "exception", "RecursionError"),
])
def test_other_crashes_at_the_largest_size(file, error, phrase) -> None:  # type: ignore[no-untyped-def]
    v = check("iou", ENGINE / file)
    assert not v.correct and v.error == error, (v.error, v.message)
    assert phrase in v.message and "N = M = 1000" in v.message, v.message


def test_modifying_an_input_in_place_is_named() -> None:
    v = check("batch_norm", ENGINE / "batch_norm_in_place.py")
    assert not v.correct and v.error == "wrong-answer"
    assert "modified its input `running_mean`" in v.message, v.message


def test_an_in_place_buffer_update_is_not_read_as_wrong_gradients() -> None:
    v = check("dino_loss", ENGINE / "dino_center_in_place.py")
    assert not v.correct
    assert "modified its input `center`" in v.message, v.message
    assert not any("gradients differ" in c.message for c in v.checks)


def test_the_users_output_is_shown_once_flushed_and_escaped() -> None:
    from rich.console import Console

    from prepcli.render.kata import render_verdict

    v = check("iou", ENGINE / "iou_prints.py")
    assert v.correct
    assert "checking \\x1b[31mred\\x1b[0m 2" in v.stdout  # the first public case, escaped
    assert "\x1b" not in v.stdout and "a warning on stderr" in v.stderr
    c = Console(width=100, record=True, no_color=True)
    render_verdict(c, v)
    assert "\x1b[31m" not in c.export_text(styles=False)


@pytest.mark.parametrize(("kata", "file"), [("kl_div", "kl_div_plain.py"),
                                            ("psnr", "psnr_plain.py")])
def test_honest_infinities_print_no_runtime_warning(kata, file) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, ENGINE / file)
    assert v.correct, (v.error, v.message)
    assert v.stderr == "", v.stderr


def test_an_error_message_is_printed_once() -> None:
    from rich.console import Console

    from prepcli.render.kata import render_verdict

    v = check("iou", SOLUTIONS / "sandbox" / "raises.py")
    c = Console(width=100, record=True, no_color=True)
    render_verdict(c, v)
    text = c.export_text()
    assert text.count("KeyError: 'missing'") == 1, text


def test_a_detached_grandchild_does_not_hold_up_a_pass() -> None:
    t0 = time.monotonic()
    try:
        v = check("iou", ENGINE / "iou_detaches.py")
        took = time.monotonic() - t0
        assert v.correct and v.error is None, (v.error, v.message)
        assert took < 30, took
    finally:
        for pid in os.listdir("/proc"):  # the sleeper this test's solution started
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if b"prep-detached-marker" in f.read():
                        os.kill(int(pid), signal.SIGKILL)
            except (OSError, ValueError):
                pass


def test_a_torch_kata_without_torch_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from prepcli.errors import UsageError
    from prepcli.katas import orchestrate

    monkeypatch.setattr(orchestrate, "torch_installed", lambda: False)
    with pytest.raises(UsageError) as info:
        check("focal_loss", "textbook.py")
    assert 'pip install "prep[torch]"' in str(info.value)
    with pytest.raises(UsageError) as info:
        check("iou", "textbook.py", "torch")
    assert "--framework numpy" in str(info.value) and "\n" not in str(info.value)


def test_integer_results_compare_exactly_even_above_two_to_the_53() -> None:
    import numpy as np

    from prepcli.katas.judge import compare_arrays

    big = np.array([2**62 + 1, 7])
    ok, text, _ = compare_arrays(big, np.array([2**62, 7]), 1e-6, 1e-7)
    assert not ok and "got 4611686018427387904, expected 4611686018427387905" in text
    assert compare_arrays(big, big.astype(np.uint64), 1e-6, 1e-7)[0]
    assert not compare_arrays(np.array([-1]), np.array([2**64 - 1], dtype=np.uint64), 1e-6, 1e-7)[0]
    assert compare_arrays(np.array([3], dtype=np.int32), np.array([3], dtype=np.int8), 0, 0)[0]
