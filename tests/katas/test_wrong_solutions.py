"""Textbook solutions pass; slow ones fail on time (wrong ones: test_mistakes_solutions.py)."""

from __future__ import annotations

import pytest
from katahelp import check

TEXTBOOK = [
    ("iou", "textbook.py", "numpy"), ("iou", "textbook_torch.py", "torch"),
    ("nms", "textbook.py", "numpy"), ("nms", "textbook_torch.py", "torch"),
    ("focal_loss", "textbook.py", "torch"), ("nt_xent", "textbook.py", "torch"),
    ("patchify", "textbook.py", "numpy"), ("patchify", "textbook_torch.py", "torch"),
]
# three seeds for the NumPy variants, one for the (slower to start) torch ones
TEXTBOOK_RUNS = [(k, f, fw, seed) for k, f, fw in TEXTBOOK for seed in ((1, 2, 3) if fw == "numpy" else (1,))]


@pytest.mark.parametrize(("kata", "file", "fw", "seed"), TEXTBOOK_RUNS)
def test_textbook_solutions_are_correct(kata, file, fw, seed) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, file, fw, seed=seed)
    assert v.correct and v.error is None, (v.error, v.message)


@pytest.mark.slow
@pytest.mark.parametrize("kata", ["iou", "nms", "focal_loss", "nt_xent", "patchify"])
def test_slow_correct_solution_fails_only_on_time(kata) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "slow_loops.py", timing=True, repeats=3)
    assert v.correct and v.error is None, (v.error, v.message)
    assert v.within_budget is False and not v.passed
    assert v.timing is not None and v.timing.ratio is not None
    assert v.timing.ratio > 2 * v.timing.budget
    assert [c.name for c in v.checks if not c.passed] == ["timing"]


@pytest.mark.slow
@pytest.mark.parametrize("kata", ["iou", "nms"])
def test_textbook_passes_timing(kata) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "textbook.py", timing=True, repeats=3)
    assert v.passed and v.within_budget, v.timing
    assert v.timing is not None and v.timing.ref_exponent is not None
