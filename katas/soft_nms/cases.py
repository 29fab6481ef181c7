"""Cases, known mistakes, comparison and timing inputs for the `soft_nms` kata (NumPy only)."""

from __future__ import annotations

from typing import Any

import numpy as np

MISTAKES_FRAMEWORK = "numpy"
DEFAULTS = {"method": "gaussian", "sigma": 0.5, "iou_threshold": 0.3, "score_threshold": 0.001}


def _iou_one(boxes: np.ndarray, i: int, idx: np.ndarray, plus: float = 0.0) -> np.ndarray:
    """IoU of box i with boxes[idx] (float64)."""
    b = boxes.astype(np.float64)
    area = (b[:, 2] - b[:, 0] + plus) * (b[:, 3] - b[:, 1] + plus)
    w = np.clip(np.minimum(b[i, 2], b[idx, 2]) - np.maximum(b[i, 0], b[idx, 0]) + plus, 0, None)
    h = np.clip(np.minimum(b[i, 3], b[idx, 3]) - np.maximum(b[i, 1], b[idx, 1]) + plus, 0, None)
    inter = w * h
    union = area[i] + area[idx] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def _decay(iou: np.ndarray, method: str, sigma: float, thr: float, variant: str) -> np.ndarray:
    if variant == "hard":
        return np.where(iou > thr, 0.0, 1.0)
    if method == "linear":
        if variant == "linear-all":
            return 1 - iou
        return np.where(iou > thr, 1 - iou, 1.0)
    if variant == "sigma-multiplied":
        return np.exp(-(iou * iou) * sigma)
    if variant == "two-sigma":
        return np.exp(-(iou * iou) / (2 * sigma))
    if variant == "not-squared":
        return np.exp(-iou / sigma)
    return np.exp(-(iou * iou) / sigma)


def _params(kw: dict[str, Any]) -> dict[str, Any]:
    p = dict(DEFAULTS, **kw)
    if p["method"] not in ("linear", "gaussian"):
        raise ValueError(p["method"])
    return p


def _soft(boxes: np.ndarray, scores: np.ndarray, *, plus: float = 0.0, variant: str = "ok",
          strict: bool = False, **kw: Any) -> np.ndarray:
    """Soft-NMS with one deliberate deviation (variant / plus / strict / fixed order)."""
    p = _params(kw)
    s = scores.astype(np.float64).copy()
    n = s.shape[0]
    keep: list[int] = []
    if variant == "fixed-order":  # decays in the initial sorted order, never re-picks the max
        order = np.argsort(-s, kind="stable")
        for a, i in enumerate(order):
            if s[i] >= p["score_threshold"]:
                keep.append(int(i))
            rest = order[a + 1:]
            s[rest] *= _decay(_iou_one(boxes, i, rest), p["method"], p["sigma"],
                              p["iou_threshold"], "ok")
        return np.asarray(keep, dtype=np.int64)
    remaining = np.arange(n)
    while remaining.size:
        j = int(np.argmax(s[remaining]))
        i = int(remaining[j])
        if s[i] < p["score_threshold"] or (strict and s[i] <= p["score_threshold"]):
            break
        keep.append(i)
        remaining = np.delete(remaining, j)
        s[remaining] *= _decay(_iou_one(boxes, i, remaining, plus), p["method"], p["sigma"],
                               p["iou_threshold"], variant)
    return np.asarray(keep, dtype=np.int64)


def _swap_through_view(boxes: np.ndarray, scores: np.ndarray, **kw: Any) -> np.ndarray:
    """A popular soft_nms snippet (continuous areas, >=): `scores = bboxes[:, 4]` is a view, so the row
    swap already swapped the scores and the explicit score swap undoes it."""
    p = _params(kw)
    n = boxes.shape[0]
    b = np.concatenate([boxes.astype(np.float64), scores.astype(np.float64)[:, None],
                        np.arange(n, dtype=np.float64)[:, None]], axis=1)
    x1, y1, x2, y2, sc = b[:, 0], b[:, 1], b[:, 2], b[:, 3], b[:, 4]
    areas = (x2 - x1) * (y2 - y1)
    for i in range(n):
        pos = i + 1
        if i != n - 1:
            maxscore, maxpos = np.max(sc[pos:]), int(np.argmax(sc[pos:]))
        else:
            maxscore, maxpos = sc[-1], 0
        if sc[i] < maxscore:
            b[[i, maxpos + i + 1]] = b[[maxpos + i + 1, i]]
            sc[[i, maxpos + i + 1]] = sc[[maxpos + i + 1, i]]
            areas[[i, maxpos + i + 1]] = areas[[maxpos + i + 1, i]]
        w = np.maximum(0.0, np.minimum(b[i, 2], b[pos:, 2]) - np.maximum(b[i, 0], b[pos:, 0]))
        h = np.maximum(0.0, np.minimum(b[i, 3], b[pos:, 3]) - np.maximum(b[i, 1], b[pos:, 1]))
        inter = w * h
        union = areas[i] + areas[pos:] - inter
        iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        sc[pos:] = _decay(iou, p["method"], p["sigma"], p["iou_threshold"], "ok") * sc[pos:]
    return b[:, 5][sc >= p["score_threshold"]].astype(np.int64)


MISTAKES = [
    ("plus-one", "+1 pixel areas: (x2 - x1 + 1) * (y2 - y1 + 1) is the integer-pixel convention; "
     "these boxes are continuous", lambda b, s, **k: _soft(b, s, plus=1.0, **k)),
    ("linear-no-threshold", "the linear penalty s * (1 - IoU) is applied to every box; it applies "
     "only where IoU > iou_threshold", lambda b, s, **k: _soft(b, s, variant="linear-all", **k)),
    ("sigma-multiplied", "Gaussian penalty exp(-IoU^2 * sigma): sigma divides, "
     "s * exp(-IoU^2 / sigma)", lambda b, s, **k: _soft(b, s, variant="sigma-multiplied", **k)),
    ("two-sigma", "Gaussian penalty exp(-IoU^2 / (2 sigma)), a normal density's 2 sigma^2 "
     "habit: the Soft-NMS penalty is s * exp(-IoU^2 / sigma), no factor 2",
     lambda b, s, **k: _soft(b, s, variant="two-sigma", **k)),
    ("iou-not-squared", "Gaussian penalty exp(-IoU / sigma): the IoU is squared, "
     "s * exp(-IoU^2 / sigma)", lambda b, s, **k: _soft(b, s, variant="not-squared", **k)),
    ("hard-nms", "hard NMS: overlapping boxes are removed (score set to 0) instead of having "
     "their score decayed", lambda b, s, **k: _soft(b, s, variant="hard", **k)),
    ("swap-through-view", "the swap bug of a popular soft-NMS snippet: `scores = bboxes[:, 4]` "
     "is a view, so swapping the rows already swaps the scores and swapping `scores` again "
     "undoes it (boxes and scores get mixed up); copy the scores, or better keep an index "
     "array and take the argmax each step",
     lambda b, s, **k: _swap_through_view(b, s, **k)),
    ("no-repick", "the boxes are visited in their initial score order; after each decay the "
     "next box is the one with the highest *current* (decayed) score",
     lambda b, s, **k: _soft(b, s, variant="fixed-order", **k)),
    ("strict-score-threshold", "'>' instead of '>=': a box whose decayed score equals "
     "score_threshold is kept", lambda b, s, **k: _soft(b, s, strict=True, **k)),
]


def compare(case: dict, expected: np.ndarray, got: np.ndarray) -> tuple[bool, str, float | None]:
    """Exact indices, or (near-ties only) any order a correct Soft-NMS could have produced."""
    boxes, scores = case["args"][0], case["args"][1]
    p = _params(case["kwargs"])
    if got.ndim != 1:
        return False, f"expected 1-D indices of shape ({expected.size},), got shape {got.shape}", None
    if got.size and got.dtype.kind not in "iu":
        return False, f"expected integer indices, got dtype {got.dtype}", None
    if np.array_equal(got, expected):
        return True, "", 0.0
    n = scores.shape[0]
    g = got.astype(np.int64)
    if g.size and (g.min() < 0 or g.max() >= n):
        return False, f"index out of range 0..{n - 1}: {g.tolist()[:10]}", None
    if len(set(g.tolist())) != g.size:
        return False, "an index appears twice", None
    # replay the user's order in float64 and accept it only if every pick was a (near-)maximum
    tol = (1e-5 if scores.dtype == np.float32 else 1e-9) * max(1.0, float(np.abs(scores).max()))
    s = scores.astype(np.float64).copy()
    remaining = np.arange(n)
    for a, i in enumerate(g):
        best = float(s[remaining].max())
        if s[i] < best - tol:
            k = int(remaining[np.argmax(s[remaining])])
            return (False, f"position {a}: box {i} was picked, but with the scores decayed as "
                    f"the contract says (IoU, penalty) box {k} had the higher current score "
                    f"{best:.6g} against {s[i]:.6g}: either the next pick is not the highest "
                    "current score, or the decayed scores differ (check the IoU and the "
                    "penalty)", None)
        if s[i] < p["score_threshold"] - (tol if scores.dtype == np.float32 else 0.0):
            return (False, f"box {i} is returned but its decayed score {s[i]:.6g} is below "
                    f"score_threshold {p['score_threshold']}", None)
        remaining = remaining[remaining != i]
        s[remaining] *= _decay(_iou_one(boxes, int(i), remaining), p["method"], p["sigma"],
                               p["iou_threshold"], "ok")
    # the threshold itself is exact in float64 (the edge case sits on it), tolerant in float32
    thr_tol = tol if scores.dtype == np.float32 else 0.0
    if remaining.size and s[remaining].max() >= p["score_threshold"] + thr_tol:
        k = int(remaining[np.argmax(s[remaining])])
        return (False, f"box {k} is missing: its decayed score {s[k]:.6g} is >= score_threshold "
                f"{p['score_threshold']}", None)
    return True, "", 0.0


def random_boxes(rng: np.random.Generator, n: int, scale: float = 100.0) -> np.ndarray:
    xy = rng.uniform(0, scale, (n, 2))
    wh = rng.uniform(2, scale / 4, (n, 2))
    return np.concatenate([xy, xy + wh], axis=1)


def clustered_boxes(rng: np.random.Generator, n: int, objects: int,
                    scale: float = 200.0) -> np.ndarray:
    """n boxes jittered around a few objects: what a detector outputs before NMS."""
    obj = random_boxes(rng, max(1, objects), scale)
    b = obj[rng.integers(0, len(obj), n)]
    size = (b[:, 2:] - b[:, :2]).repeat(2, axis=1)
    b = b + rng.normal(0, 0.12, (n, 4)) * size
    b[:, 2:] = np.maximum(b[:, 2:], b[:, :2] + 0.5)
    return b


def _case(name: str, kind: str, boxes: Any, scores: Any, dtype: type = np.float64,
          **kwargs: Any) -> dict:
    return {"name": name, "kind": kind,
            "args": [np.asarray(boxes, dtype=dtype).reshape(-1, 4),
                     np.asarray(scores, dtype=dtype).reshape(-1)],
            "kwargs": kwargs}


FOUR_BOXES = [[10, 10, 110, 110], [150, 150, 250, 250], [120, 120, 220, 220], [120, 150, 220, 250]]


def public_cases() -> list[dict]:
    return [
        _case("four overlapping boxes, Gaussian", "public", FOUR_BOXES, [0.75, 0.56, 0.81, 0.46]),
        _case("re-pick after decay, linear", "public",
              [[0, 0, 10, 10], [1, 0, 11, 10], [30, 30, 40, 40]], [0.9, 0.8, 0.7],
              method="linear", iou_threshold=0.3, score_threshold=0.1),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    settings = [("gaussian", 0.5, 0.3, 0.001), ("linear", 0.5, 0.3, 0.001),
                ("gaussian", 0.3, 0.3, 0.05), ("linear", 0.5, 0.5, 0.05),
                ("gaussian", 1.0, 0.3, 0.2), ("linear", 0.5, 0.1, 0.3),
                ("gaussian", 0.5, 0.3, 0.4), ("linear", 0.5, 0.7, 0.001)]
    for k, (method, sigma, thr, sthr) in enumerate(settings):
        n = int(rng.integers(5, 70))
        dtype = np.float32 if k % 4 == 3 else np.float64
        boxes = clustered_boxes(rng, n, max(1, n // 8)) if k % 2 == 0 else random_boxes(rng, n)
        cases.append(_case(f"{n} boxes, {method}, sigma={sigma}, iou_threshold={thr}, "
                           f"score_threshold={sthr} ({np.dtype(dtype).name})", "random",
                           boxes, rng.uniform(0.05, 1.0, n), dtype, method=method, sigma=sigma,
                           iou_threshold=thr, score_threshold=sthr))
    cl = clustered_boxes(rng, 30, 2, 60.0)
    cases.append(_case("30 boxes on 2 objects, default arguments", "random", cl,
                       rng.uniform(0.1, 1.0, 30)))
    cases.append(_case("30 boxes on 2 objects, linear", "random", cl, rng.uniform(0.1, 1.0, 30),
                       method="linear"))
    small = np.array([[0, 0, 2, 2], [0.5, 0, 2.5, 2], [0, 0.6, 2, 2.6], [3, 3, 4, 4]], float)
    cases.append(_case("small boxes (2 x 2), linear", "random", small, [0.9, 0.8, 0.7, 0.6],
                       method="linear", iou_threshold=0.3, score_threshold=0.3))
    cases.append(_case("small boxes (2 x 2), Gaussian", "random", small, [0.9, 0.8, 0.7, 0.6],
                       score_threshold=0.5))
    cases += [
        _case("no boxes", "edge", np.zeros((0, 4)), np.zeros(0)),
        _case("single box", "edge", [[1, 2, 3, 4]], [0.5]),
        _case("single box below score_threshold", "edge", [[1, 2, 3, 4]], [0.01],
              score_threshold=0.05),
        _case("decayed score exactly at score_threshold (kept)", "edge",
              [[0, 0, 3, 1], [1, 0, 4, 1]], [0.9, 0.8], method="linear",
              iou_threshold=0.3, score_threshold=0.4),  # IoU = 0.5: 0.8 * 0.5 = 0.4
        _case("IoU exactly at iou_threshold (no linear penalty)", "edge",
              [[0, 0, 3, 1], [1, 0, 4, 1]], [0.9, 0.8], method="linear",
              iou_threshold=0.5, score_threshold=0.5),  # IoU = 0.5 is not > 0.5: 0.8 stays
        _case("identical boxes, Gaussian", "edge", [[5, 5, 9, 9]] * 3 + [[20, 20, 25, 25]],
              [0.2, 0.9, 0.5, 0.1], score_threshold=0.01),
        _case("identical boxes, linear (score 0 after decay)", "edge",
              [[5, 5, 9, 9]] * 3, [0.2, 0.9, 0.5], method="linear", score_threshold=0.01),
        _case("score_threshold 0 keeps every box", "edge", random_boxes(rng, 12),
              rng.uniform(0.1, 1, 12), method="linear", score_threshold=0.0),
        _case("two identical zero-area boxes (IoU 0: no decay)", "edge",
              [[5, 5, 5, 5], [5, 5, 5, 5], [0, 0, 10, 10]], [0.9, 0.8, 0.7]),
        _case("a zero-area box among others", "edge",
              [[0, 0, 4, 4], [2, 2, 2, 2], [1, 1, 4, 4]], [0.5, 0.9, 0.7], score_threshold=0.01),
        _case("tied scores", "edge", [[0, 0, 4, 4], [0, 0, 4, 4.2], [10, 10, 12, 12]],
              [0.5, 0.5, 0.7], method="linear", score_threshold=0.1),
        {"name": "unknown method raises ValueError", "kind": "edge",
         "args": [np.asarray(FOUR_BOXES, float), np.array([0.75, 0.56, 0.81, 0.46])],
         "kwargs": {"method": "hard"}, "raises": "ValueError"},
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    """A detector's raw output: n boxes around n / 20 objects, Gaussian Soft-NMS."""
    boxes = clustered_boxes(rng, n, n // 20, 1000.0)
    return [boxes, rng.random(n)], {"method": "gaussian", "sigma": 0.5, "score_threshold": 0.001}
