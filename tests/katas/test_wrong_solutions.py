"""Each kata: wrong solutions fail for their stated reason; textbook ones pass; slow ones fail on time."""

from __future__ import annotations

import pytest
from katahelp import check

# (kata, file, diagnosis id or None, a phrase the failure message must contain)
WRONG = [
    ("iou", "wrong_plus_one.py", "plus-one", None),
    ("iou", "wrong_transposed.py", "transposed", "shape"),
    ("iou", "wrong_no_clip.py", "no-clip", None),
    ("iou", "wrong_union_double.py", "union-double-counts", None),
    ("iou", "wrong_nan_union.py", None, "NaN"),
    ("iou", "wrong_diagonal.py", None, "shape"),
    ("nms", "wrong_plus_one.py", "plus-one", None),
    ("nms", "wrong_ascending.py", "ascending", None),
    ("nms", "wrong_ge.py", "ge-threshold", None),
    ("nms", "wrong_sorted_index.py", "sorted-by-index", None),
    ("nms", "wrong_returns_boxes.py", None, "1-D indices"),
    ("focal_loss", "wrong_alpha_ignored.py", "alpha-ignored", None),
    ("focal_loss", "wrong_alpha_not_disabled.py", "alpha-not-disabled", None),
    ("focal_loss", "wrong_alpha_swapped.py", "alpha-swapped", None),
    ("focal_loss", "wrong_gamma_on_p.py", "gamma-on-p", None),
    ("focal_loss", "wrong_unstable_log.py", "unstable", None),
    ("focal_loss", "wrong_no_value_error.py", None, "ValueError"),
    ("focal_loss", "wrong_detached.py", None, "backpropagate"),
    ("nt_xent", "wrong_no_self_mask.py", "no-self-mask", None),
    ("nt_xent", "wrong_temp_multiplied.py", "temperature-multiplied", None),
    ("nt_xent", "wrong_no_normalise.py", "no-normalisation", None),
    ("nt_xent", "wrong_one_directional.py", "one-directional", None),
    ("nt_xent", "wrong_sum.py", "sum-not-mean", None),
    ("nt_xent", "wrong_unstable.py", "unstable", None),
    ("patchify", "wrong_cpq_order.py", "cpq-order", None),
    ("patchify", "wrong_qpc_order.py", "qpc-order", None),
    ("patchify", "wrong_column_major.py", "column-major-patches", None),
    ("patchify", "wrong_plain_reshape.py", "plain-reshape", None),
    ("patchify", "wrong_assert.py", None, "AssertionError, expected ValueError"),
    ("patchify", "wrong_crops.py", None, "expected it to raise ValueError"),
]


@pytest.mark.parametrize(("kata", "file", "diagnosis", "phrase"), WRONG,
                         ids=[f"{k}/{f}" for k, f, _, _ in WRONG])
def test_wrong_solution_fails_for_its_reason(kata, file, diagnosis, phrase) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, file)
    assert not v.passed and not v.correct
    assert v.error == "wrong-answer", (v.error, v.message)
    assert v.diagnosis_id == diagnosis, (v.diagnosis_id, v.message)
    if phrase:
        assert phrase in v.message, v.message
    assert v.failing_case is not None and v.failing_case.summary
    assert any(not c.passed for c in v.checks)


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


@pytest.mark.parametrize("kata", ["iou", "nms", "focal_loss", "nt_xent", "patchify"])
def test_slow_correct_solution_fails_only_on_time(kata) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "slow_loops.py", timing=True, repeats=3)
    assert v.correct and v.error is None, (v.error, v.message)
    assert v.within_budget is False and not v.passed
    assert v.timing is not None and v.timing.ratio is not None
    assert v.timing.ratio > 2 * v.timing.budget
    assert [c.name for c in v.checks if not c.passed] == ["timing"]


@pytest.mark.parametrize("kata", ["iou", "nms"])
def test_textbook_passes_timing(kata) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "textbook.py", timing=True, repeats=3)
    assert v.passed and v.within_budget, v.timing
    assert v.timing is not None and v.timing.ref_exponent is not None
