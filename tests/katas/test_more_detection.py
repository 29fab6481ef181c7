"""Detection katas (soft_nms, box_iou, map, anchors, giou_loss, diou_loss, ciou_loss).

Textbook solutions pass (with real timing), slow pure-Python loops are correct but fail on
time, and direct checks of the references. The wrong solutions are in
test_mistakes_solutions.py; the references, with timing, in test_content.py.

A torch check costs two torch imports (~3 s of CPU): the torch textbooks and every timing test
are marked ``slow``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from katahelp import check

KATAS_DIR = Path(__file__).resolve().parents[2] / "katas"


# the NumPy textbooks on other seeds (cheap); every textbook once with real timing (slow)
@pytest.mark.parametrize("seed", [2, 3])
@pytest.mark.parametrize("kata", ["soft_nms", "map", "anchors"])
def test_numpy_textbook_other_seeds(kata, seed) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "textbook.py", "numpy", seed=seed)
    assert v.correct and v.error is None, (v.error, v.message)


TEXTBOOK = [("soft_nms", "textbook.py", "numpy"), ("soft_nms", "textbook_torch.py", "torch"),
            ("box_iou", "textbook.py", "torch"), ("map", "textbook.py", "numpy"),
            ("anchors", "textbook.py", "numpy"), ("anchors", "textbook_torch.py", "torch"),
            ("giou_loss", "textbook.py", "torch"), ("diou_loss", "textbook.py", "torch"),
            ("ciou_loss", "textbook.py", "torch")]


@pytest.mark.slow
@pytest.mark.parametrize(("kata", "file", "fw"), TEXTBOOK, ids=[f"{k}/{f}" for k, f, _ in TEXTBOOK])
def test_textbook_passes_with_timing(kata, file, fw) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, file, fw, timing=True, repeats=3)
    assert v.correct and v.error is None, (v.error, v.message)
    assert v.passed and v.within_budget, v.timing
    assert v.timing is not None and v.timing.ref_exponent is not None


SLOW = ["soft_nms", "box_iou", "map", "anchors", "giou_loss", "diou_loss", "ciou_loss"]


@pytest.mark.slow
@pytest.mark.parametrize("kata", SLOW)
def test_slow_correct_solution_fails_only_on_time(kata) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "slow_loops.py", timing=True, repeats=3)
    assert v.correct and v.error is None, (v.error, v.message)
    assert v.within_budget is False and not v.passed
    assert v.timing is not None and v.timing.ratio is not None
    assert v.timing.ratio > 2 * v.timing.budget, v.timing
    assert [c.name for c in v.checks if not c.passed] == ["timing"]


def _load(kata: str, name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(f"_t_{kata}_{name}", KATAS_DIR / kata / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_soft_nms_compare_accepts_either_tie_order_only() -> None:
    cases = _load("soft_nms", "cases")
    boxes = np.array([[0, 0, 4, 4], [10, 10, 14, 14], [0, 0, 4, 4.5]], float)
    case = {"args": [boxes, np.array([0.5, 0.5, 0.4])], "kwargs": {"method": "linear"}}
    ok = cases.compare(case, np.array([0, 1, 2]), np.array([1, 0, 2]))
    assert ok[0], ok
    bad = cases.compare(case, np.array([0, 1, 2]), np.array([0, 2, 1]))
    assert not bad[0] and "higher current score" in bad[1]


def test_soft_nms_gaussian_with_tiny_sigma_is_hard_nms_like() -> None:
    ref = _load("soft_nms", "reference")
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [30, 30, 40, 40]], float)
    keep = ref.soft_nms_numpy(boxes, np.array([0.9, 0.8, 0.7]), sigma=1e-3, score_threshold=0.01)
    assert keep.tolist() == [0, 2]


def test_map_perfect_and_empty_detectors() -> None:
    ref = _load("map", "reference")
    gt = np.array([[0, 0, 10, 10], [20, 20, 30, 30]], float)
    for method in ("voc", "voc07", "coco"):
        assert ref.map_numpy(gt, np.array([0.9, 0.8]), np.zeros(2, int), gt, np.zeros(2, int),
                             method) == pytest.approx(1.0)
        assert ref.map_numpy(np.zeros((0, 4)), np.zeros(0), np.zeros(0, int), gt,
                             np.zeros(2, int), method) == 0.0
    with pytest.raises(ValueError, match="voc07"):
        ref.map_numpy(gt, np.ones(2), np.zeros(2, int), gt, np.zeros(2, int), "ap50")


def test_box_losses_agree_with_each_other_on_invariants() -> None:
    import torch

    g = _load("giou_loss", "reference").giou_loss_torch
    d = _load("diou_loss", "reference").diou_loss_torch
    c = _load("ciou_loss", "reference").ciou_loss_torch
    pred = torch.tensor([[0.0, 0, 2, 2], [1, 1, 5, 3], [0, 0, 1, 1]], dtype=torch.float64)
    target = torch.tensor([[0.0, 0, 2, 2], [0, 0, 4, 2], [3, 3, 6, 4]], dtype=torch.float64)
    for fn in (g, d, c):
        loss = fn(pred, target, reduction="none")
        assert loss[0] == pytest.approx(0.0, abs=1e-6)  # identical boxes
        assert torch.all((loss >= 0) & (loss < 2 + 1e-9))
        assert fn(pred, target, "sum") == pytest.approx(float(loss.sum()))
    # same aspect ratio: CIoU equals DIoU; squares disjoint: DIoU differs from GIoU
    same_shape = torch.tensor([[0.0, 0, 4, 2]], dtype=torch.float64)
    moved = same_shape + torch.tensor([[1.0, 1, 1, 1]], dtype=torch.float64)
    assert c(same_shape, moved) == pytest.approx(float(d(same_shape, moved)))
