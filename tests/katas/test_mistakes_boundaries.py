"""The cases reach the boundary values each convention turns on, on every seed (not by luck).

In-process: a shortcut a user might take is run on the generated cases of several seeds and
must give a wrong answer on at least one case of each seed.
"""

from __future__ import annotations

import importlib.util
from typing import Any

import numpy as np
import pytest

from prepcli.katas.casefile import load_cases_module
from prepcli.katas.catalog import get_kata

SEEDS = range(6)


def _ref(kata: str) -> Any:
    spec = get_kata(kata)
    s = importlib.util.spec_from_file_location(f"_ref_bound_{kata}", spec.reference_path)
    assert s is not None and s.loader is not None
    mod = importlib.util.module_from_spec(s)
    s.loader.exec_module(mod)
    return getattr(mod, f"{kata}_numpy")


def _cases(kata: str, seed: int) -> tuple[Any, list[dict[str, Any]]]:
    mod = load_cases_module(get_kata(kata))
    cases = mod.public_cases() + mod.hidden_cases(np.random.default_rng(seed))
    return mod, [c for c in cases if not c.get("raises")]


def _nms_top100(boxes: np.ndarray, scores: np.ndarray, thr: float) -> np.ndarray:
    """Greedy NMS over the 100 best scores only (a detector's pre-NMS top-k, applied wrongly)."""
    order = np.argsort(-scores, kind="stable")[:100]
    keep: list[int] = []
    for i in order:
        ok = True
        for j in keep:
            w = max(0.0, min(boxes[i, 2], boxes[j, 2]) - max(boxes[i, 0], boxes[j, 0]))
            h = max(0.0, min(boxes[i, 3], boxes[j, 3]) - max(boxes[i, 1], boxes[j, 1]))
            inter = w * h
            union = ((boxes[i, 2] - boxes[i, 0]) * (boxes[i, 3] - boxes[i, 1])
                     + (boxes[j, 2] - boxes[j, 0]) * (boxes[j, 3] - boxes[j, 1]) - inter)
            if union > 0 and inter / union > thr:
                ok = False
                break
        if ok:
            keep.append(int(i))
    return np.asarray(keep, dtype=np.int64)


@pytest.mark.parametrize("seed", SEEDS)
def test_nms_cases_catch_top_100_and_int8_indices(seed: int) -> None:
    mod, cases = _cases("nms", seed)
    ref = _ref("nms")
    top100 = int8 = False
    for c in cases:
        expected = np.asarray(ref(*c["args"]))
        got = _nms_top100(*c["args"])
        top100 |= not mod.compare(c, expected, got)[0]
        int8 |= not mod.compare(c, expected, expected.astype(np.int8))[0]
    assert top100 and int8


def test_nms_two_identical_zero_area_boxes_are_both_kept() -> None:
    _mod, cases = _cases("nms", 0)
    case = next(c for c in cases if "zero-area boxes" in c["name"])
    boxes = case["args"][0]
    assert np.array_equal(boxes[0], boxes[1]) and boxes[0, 2] == boxes[0, 0]
    assert _ref("nms")(*case["args"]).tolist()[:2] == [0, 1]


@pytest.mark.parametrize("seed", SEEDS)
def test_map_cases_reach_recall_exactly_half_and_one_in_voc07(seed: int) -> None:
    _mod, cases = _cases("map", seed)
    reached = set()
    for c in cases:
        if c["kwargs"].get("method") != "voc07":
            continue
        n_gt = len(c["args"][3])
        reached |= {k / n_gt for k in range(n_gt + 1)} & {0.5, 1.0}
    assert reached == {0.5, 1.0}


@pytest.mark.parametrize("seed", SEEDS)
def test_receptive_field_cases_overflow_int64_strides_and_float64(seed: int) -> None:
    _mod, cases = _cases("receptive_field", seed)
    ref = _ref("receptive_field")
    strides_overflow = float_inexact = False
    for c in cases:
        layers = c["args"][0]
        prod = 1
        for layer in layers:
            prod *= int(layer[1])
        r = ref(layers)
        assert r < 2**63
        strides_overflow |= prod >= 2**63
        float_inexact |= int(float(r)) != r
    assert strides_overflow and float_inexact


@pytest.mark.parametrize("seed", SEEDS)
def test_iou_exactly_at_the_threshold_for_nms(seed: int) -> None:
    _mod, cases = _cases("nms", seed)
    hits = 0
    for c in cases:
        boxes, _scores, thr = c["args"]
        if len(boxes) != 2:
            continue
        b = boxes.astype(np.float64)
        w = max(0.0, min(b[0, 2], b[1, 2]) - max(b[0, 0], b[1, 0]))
        h = max(0.0, min(b[0, 3], b[1, 3]) - max(b[0, 1], b[1, 1]))
        union = np.prod(b[0, 2:] - b[0, :2]) + np.prod(b[1, 2:] - b[1, :2]) - w * h
        hits += union > 0 and w * h / union == thr
    assert hits
