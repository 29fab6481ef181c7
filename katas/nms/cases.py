"""Cases, known mistakes, comparison and timing inputs for the `nms` kata (NumPy only)."""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "numpy"


def _pair_iou(b1: np.ndarray, b2: np.ndarray, plus: float = 0.0, nan: bool = False) -> np.ndarray:
    area1 = (b1[:, 2] - b1[:, 0] + plus) * (b1[:, 3] - b1[:, 1] + plus)
    area2 = (b2[:, 2] - b2[:, 0] + plus) * (b2[:, 3] - b2[:, 1] + plus)
    wh = np.clip(np.minimum(b1[:, None, 2:], b2[None, :, 2:])
                 - np.maximum(b1[:, None, :2], b2[None, :, :2]) + plus, 0, None)
    inter = wh[..., 0] * wh[..., 1]
    union = area1[:, None] + area2[None, :] - inter
    fill = np.full_like(inter, np.nan) if nan else np.zeros_like(inter)
    return np.divide(inter, union, out=fill, where=union > 0)


def _greedy(boxes: np.ndarray, scores: np.ndarray, thr: float, plus: float = 0.0,
            ascending: bool = False, ge: bool = False, nan_drops: bool = False) -> np.ndarray:
    iou = _pair_iou(boxes, boxes, plus, nan=nan_drops)
    order = np.argsort(scores if ascending else -scores, kind="stable")
    keep: list[int] = []
    for i in order:
        if nan_drops:  # keep only where IoU <= threshold: a NaN IoU suppresses
            over = ~(iou[i, keep] <= thr)
        else:
            over = iou[i, keep] >= thr if ge else iou[i, keep] > thr
        if not np.any(over):
            keep.append(int(i))
    return np.asarray(keep, dtype=np.int64)


MISTAKES = [
    ("plus-one", "+1 pixel areas: (x2 - x1 + 1) * (y2 - y1 + 1) is the integer-pixel convention; "
     "these boxes are continuous", lambda b, s, t: _greedy(b, s, t, plus=1.0)),
    ("ascending", "boxes visited in ascending score order: argsort() sorts lowest first, "
     "reverse it ([::-1] or descending=True)", lambda b, s, t: _greedy(b, s, t, ascending=True)),
    ("ge-threshold", "'>=' instead of '>': a box whose IoU equals the threshold must be kept",
     lambda b, s, t: _greedy(b, s, t, ge=True)),
    ("sorted-by-index", "the kept indices are sorted by index; return them by decreasing score",
     lambda b, s, t: np.sort(_greedy(b, s, t))),
    ("zero-area-dropped", "two identical zero-area boxes have union 0: 0 / 0 is NaN and "
     "'keep where IoU <= threshold' is False for NaN, so the second is dropped; suppress only "
     "where IoU > threshold (or take 0 / 0 as 0)", lambda b, s, t: _greedy(b, s, t, nan_drops=True)),
    ("reversed-output", "the kept indices come out in ascending score order",
     lambda b, s, t: _greedy(b, s, t)[::-1].copy()),
]


def compare(case: dict, expected: np.ndarray, got: np.ndarray) -> tuple[bool, str, float | None]:
    """Accept any valid greedy result: with tied scores either order (and survivor) is fine."""
    boxes, scores, thr = case["args"][0], case["args"][1], case["args"][2]
    if got.ndim != 1:
        return False, f"expected 1-D indices of shape ({expected.size},), got shape {got.shape}", None
    if got.size and got.dtype.kind not in "iu":
        return False, f"expected integer indices, got dtype {got.dtype}", None
    if np.array_equal(got, expected):
        return True, "", 0.0
    n = len(scores)
    g = got.astype(np.int64)
    if g.size and (g.min() < 0 or g.max() >= n):
        return False, f"index out of range 0..{n - 1}: {g.tolist()[:10]}", None
    if len(set(g.tolist())) != g.size:
        return False, "an index appears twice", None
    if np.unique(scores[expected]).size == expected.size and np.unique(scores).size == n:
        return False, "wrong indices (all scores distinct, so the answer is unique)", None
    # ties: check the greedy invariants instead of one particular tie order
    if np.any(np.diff(scores[g]) > 0):
        return False, "kept boxes are not in decreasing score order", None
    iou = _pair_iou(boxes.astype(np.float64), boxes.astype(np.float64))
    for a, i in enumerate(g):
        if np.any(iou[i, g[:a]] > thr):
            return False, f"box {i} is kept although it overlaps a kept box by more than {thr}", None
    kept = set(g.tolist())
    for j in range(n):
        if j in kept:
            continue
        if not np.any((iou[j, g] > thr) & (scores[g] >= scores[j])):
            return False, f"box {j} is dropped but no kept box suppresses it", None
    return True, "", 0.0


def random_boxes(rng: np.random.Generator, n: int, scale: float = 100.0,
                 dtype: type = np.float64) -> np.ndarray:
    xy = rng.uniform(0, scale, (n, 2))
    wh = rng.uniform(2, scale / 4, (n, 2))
    return np.concatenate([xy, xy + wh], axis=1).astype(dtype)


def _case(name: str, kind: str, boxes, scores, thr: float, dtype: type = np.float64) -> dict:
    return {"name": name, "kind": kind,
            "args": [np.asarray(boxes, dtype=dtype).reshape(-1, 4),
                     np.asarray(scores, dtype=dtype).reshape(-1), float(thr)],
            "kwargs": {}}


def public_cases() -> list[dict]:
    return [
        _case("three boxes, two overlap", "public",
              [[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]], [0.9, 0.8, 0.7], 0.5),
        _case("lower score first in the input", "public",
              [[0, 0, 10, 10], [0, 0, 10, 9], [50, 50, 60, 60]], [0.3, 0.95, 0.5], 0.5),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k in range(12):
        n = int(rng.integers(2, 80))
        thr = float(rng.choice([0.3, 0.5, 0.7]))
        dtype = np.float32 if k % 4 == 3 else np.float64
        scale = float(rng.choice([40.0, 100.0]))
        cases.append(_case(f"random {n} boxes, threshold {thr} ({np.dtype(dtype).name})", "random",
                           random_boxes(rng, n, scale), rng.permutation(n) / n + 0.01, thr, dtype))
    # more than 100 boxes, and more than 127 kept (an int8 index or a top-100 shortcut fails)
    n = int(rng.integers(300, 400))
    xy = rng.uniform(0, 800, (n, 2))
    big = np.concatenate([xy, xy + rng.uniform(5, 40, (n, 2))], axis=1)
    cases.append(_case(f"{n} sparse boxes, most kept", "random", big,
                       rng.permutation(n) / n + 0.01, 0.5))
    # a cluster of heavily overlapping boxes (where +1 and order mistakes show)
    base = np.array([10.0, 10.0, 30.0, 30.0])
    cl = base + rng.uniform(-3, 3, (25, 4))
    cases.append(_case("cluster of 25 overlapping boxes", "random", cl, rng.permutation(25) / 25, 0.5))
    small = np.array([[0, 0, 2, 2], [0.5, 0, 2.5, 2], [0, 0.6, 2, 2.6], [3, 3, 4, 4]], float)
    cases.append(_case("small boxes (2 x 2)", "random", small, [0.9, 0.8, 0.7, 0.6], 0.45))
    cases += [
        _case("no boxes", "edge", np.zeros((0, 4)), np.zeros(0), 0.5),
        _case("single box", "edge", [[1, 2, 3, 4]], [0.5], 0.5),
        _case("IoU exactly at the threshold (kept)", "edge",
              [[0, 0, 3, 1], [1, 0, 4, 1]], [0.9, 0.8], 0.5),   # IoU = 2/4 = 0.5
        _case("IoU just above the threshold", "edge",
              [[0, 0, 3, 1], [1, 0, 4, 1]], [0.9, 0.8], 0.49),
        _case("identical boxes", "edge", [[5, 5, 9, 9]] * 3 + [[20, 20, 25, 25]],
              [0.2, 0.9, 0.5, 0.1], 0.5),
        _case("threshold 0 keeps only disjoint boxes", "edge",
              [[0, 0, 2, 2], [1, 1, 3, 3], [2, 2, 4, 4], [10, 10, 11, 11]], [0.4, 0.3, 0.2, 0.1], 0.0),
        _case("threshold 1 keeps everything", "edge", random_boxes(rng, 10), rng.permutation(10) / 10, 1.0),
        _case("two identical zero-area boxes (IoU 0: both kept)", "edge",
              [[5, 5, 5, 5], [5, 5, 5, 5], [0, 0, 10, 10]], [0.9, 0.8, 0.7], 0.5),
        _case("a zero-area box among others", "edge",
              [[0, 0, 4, 4], [2, 2, 2, 2], [1, 1, 4, 4]], [0.5, 0.9, 0.7], 0.5),
        _case("tied scores", "edge", [[0, 0, 4, 4], [0, 0, 4, 4.2], [10, 10, 12, 12], [10, 10, 12, 12.1]],
              [0.5, 0.5, 0.7, 0.7], 0.5),
        _case("negative and large scores", "edge",
              [[0, 0, 10, 10], [1, 0, 11, 10], [30, 30, 40, 40]], [-3.0, 1e6, -1e-3], 0.5),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    """A detector's raw output: n boxes jittered around n / 20 objects, random scores."""
    objects = random_boxes(rng, max(1, n // 20), scale=1000.0)
    boxes = objects[rng.integers(0, len(objects), n)]
    size = (boxes[:, 2:] - boxes[:, :2]).repeat(2, axis=1)
    boxes = boxes + rng.normal(0, 0.15, (n, 4)) * size
    boxes[:, 2:] = np.maximum(boxes[:, 2:], boxes[:, :2] + 1)
    return [boxes, rng.random(n), 0.5], {}
