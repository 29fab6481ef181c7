"""Cases, known mistakes and timing inputs for the `map` kata (NumPy only).

The random cases have a number of ground truths coprime to 10, so no recall k / G sits exactly
on one of the 11 (VOC 2007) or 101 (COCO) recall points, where float rounding of the points
(np.linspace(0, 1, 11)[3] is 0.30000000000000004) would make the answer depend on how they are
written. The edge cases with 2 or 4 ground truths reach recall exactly 0.5 and 1.0, which every
way of writing the 11 points spells exactly: there `recall >= r` and `recall > r` differ.
"""

from __future__ import annotations

from math import gcd
from typing import Any

import numpy as np

MISTAKES_FRAMEWORK = "numpy"
COCO = np.linspace(0.5, 0.95, 10)


def _iou(b1: np.ndarray, b2: np.ndarray) -> np.ndarray:
    area1 = (b1[:, 2] - b1[:, 0]) * (b1[:, 3] - b1[:, 1])
    area2 = (b2[:, 2] - b2[:, 0]) * (b2[:, 3] - b2[:, 1])
    wh = np.clip(np.minimum(b1[:, None, 2:], b2[None, :, 2:])
                 - np.maximum(b1[:, None, :2], b2[None, :, :2]), 0, None)
    inter = wh[..., 0] * wh[..., 1]
    union = area1[:, None] + area2[None, :] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def _variant(pb: np.ndarray, sc: np.ndarray, pi: np.ndarray, gb: np.ndarray, gi: np.ndarray,
             method: str = "voc", *, envelope: bool = True, interp: str | None = None,
             twice: bool = False, across: bool = False, strict: bool = False,
             thresholds: np.ndarray | None = None, devkit: bool = False,
             unsorted: bool = False) -> float:
    """AP with one deliberate deviation (a straightforward loop version, for the diagnosis)."""
    if method not in ("voc", "voc07", "coco") or gb.shape[0] == 0:
        raise ValueError(method)
    if thresholds is None:
        thresholds = COCO if method == "coco" else np.array([0.5])
    interp = interp or {"voc": "all", "voc07": "11", "coco": "101"}[method]
    order = np.arange(len(sc)) if unsorted else np.argsort(-sc, kind="stable")
    iou = _iou(pb.astype(np.float64), gb.astype(np.float64))
    if not across:
        iou = np.where(pi[:, None] == gi[None, :], iou, -1.0)
    aps = []
    for t in thresholds:
        taken = np.zeros(gb.shape[0], bool)
        tp = np.zeros(len(order), bool)
        for r, d in enumerate(order):
            row = iou[d].copy()
            if devkit:
                j = int(np.argmax(row)) if row.size else 0
                ok = row.size and (row[j] > t if strict else row[j] >= t)
                if ok and not taken[j]:
                    tp[r], taken[j] = True, True
                continue
            if not twice:
                row[taken] = -1.0
            good = row > t if strict else row >= t
            if np.any(good):
                j = int(np.argmax(np.where(good, row, -1.0)))
                tp[r], taken[j] = True, True
        tps = np.cumsum(tp)
        rec = tps / gb.shape[0]
        prec = tps / np.arange(1, len(tp) + 1)
        env = np.maximum.accumulate(prec[::-1])[::-1] if (envelope and prec.size) else prec
        if interp == "11":
            ap = np.mean([env[rec >= x].max() if np.any(rec >= x) else 0.0
                          for x in np.linspace(0, 1, 11)])
        elif interp == "11-strict":
            ap = np.mean([env[rec > x].max() if np.any(rec > x) else 0.0
                          for x in np.linspace(0, 1, 11)])
        elif interp == "all":
            mrec = np.concatenate([[0.0], rec, [1.0]])
            mpre = np.concatenate([[0.0], env, [0.0]])
            i = np.flatnonzero(mrec[1:] != mrec[:-1])
            ap = np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1])
        else:
            idx = np.searchsorted(rec, np.linspace(0, 1, 101), side="left")
            q = np.zeros(101)
            q[idx < len(tp)] = env[idx[idx < len(tp)]]
            ap = q.mean()
        aps.append(ap)
    return float(np.mean(aps))


def _swap_points(*a: Any, method: str = "voc", **k: Any) -> float:
    return _variant(*a, method=method, interp={"voc": "11", "voc07": "all"}.get(method), **k)


def _m(**over: Any):  # noqa: ANN202
    return lambda *a, **k: _variant(*a, **{**k, **over})


MISTAKES = [
    ("no-envelope", "no precision envelope: the area is taken under the raw zig-zag PR curve; "
     "replace each precision by the maximum precision at any higher recall first",
     _m(envelope=False)),
    ("points-swapped", "11-point and all-point interpolation confused: 'voc07' is the mean of the "
     "best precision at recall >= 0, 0.1, ..., 1 (11 points), 'voc' the area under the envelope "
     "at every recall change (VOC 2010+)", _swap_points),
    ("gt-matched-twice", "a ground truth is matched more than once: duplicate detections of an "
     "already matched object must be false positives", _m(twice=True)),
    ("across-images", "detections are matched to ground truths of other images; match only "
     "within the same image id", _m(across=True)),
    ("strict-iou", "IoU > threshold instead of >=: a detection with IoU exactly 0.5 matches",
     _m(strict=True)),
    ("coco-nine-thresholds", "COCO averages 10 IoU thresholds 0.50, 0.55, ..., 0.95 "
     "(np.linspace(0.5, 0.95, 10)); np.arange(0.5, 0.95, 0.05) stops at 0.90",
     lambda *a, **k: _variant(*a, **k, thresholds=np.linspace(0.5, 0.9, 9))
     if k.get("method") == "coco" else _variant(*a, **k)),
    ("coco-step-0.1", "COCO thresholds step by 0.05 (0.50:0.05:0.95, 10 of them), not 0.1",
     lambda *a, **k: _variant(*a, **k, thresholds=np.linspace(0.5, 0.9, 5))
     if k.get("method") == "coco" else _variant(*a, **k)),
    ("coco-all-point", "COCO samples the envelope at 101 recall points (0, 0.01, ..., 1), "
     "not the all-point area", lambda *a, **k: _variant(*a, **k, interp="all")
     if k.get("method") == "coco" else _variant(*a, **k)),
    ("devkit-matching", "a detection whose best-IoU ground truth is already taken is counted as "
     "a false positive (the VOC devkit's rule); this kata matches the best *unmatched* ground "
     "truth with IoU >= threshold (COCO's rule)", _m(devkit=True)),
    ("not-sorted", "detections are not visited by decreasing score", _m(unsorted=True)),
    ("voc07-recall-strict", "11-point AP takes the best precision at recall > r; VOC 2007 uses "
     "recall >= r, so a recall of exactly 0.5 or 1.0 counts at that point",
     lambda *a, **k: _variant(*a, **k, interp="11-strict")
     if k.get("method") == "voc07" else _variant(*a, **k)),
]


def random_boxes(rng: np.random.Generator, n: int, scale: float = 100.0) -> np.ndarray:
    xy = rng.uniform(0, scale, (n, 2))
    wh = rng.uniform(scale / 20, scale / 3, (n, 2))
    return np.concatenate([xy, xy + wh], axis=1)


def scene(rng: np.random.Generator, n_images: int, gt_per_image: int, det_per_gt: float = 1.5,
          fp_per_image: float = 2.0, scale: float = 100.0) -> list[np.ndarray]:
    """A detector's output on n_images: detections jittered around the ground truths (some
    twice, some missed), false positives, scores loosely correlated with localisation."""
    gb, gi, pb, pi, sc = [], [], [], [], []
    for img in range(n_images):
        g = random_boxes(rng, int(rng.integers(1, 2 * gt_per_image)), scale)
        gb.append(g)
        gi.append(np.full(len(g), img))
        k = rng.poisson(det_per_gt, len(g))
        src = np.repeat(g, k, axis=0)
        size = (src[:, 2:] - src[:, :2]).repeat(2, axis=1)
        noise = rng.uniform(0.0, 0.25, (len(src), 1))
        d = src + rng.normal(0, 1, src.shape) * noise * size
        d[:, 2:] = np.maximum(d[:, 2:], d[:, :2] + 0.5)
        fp = random_boxes(rng, int(rng.poisson(fp_per_image)), scale)
        boxes = np.concatenate([d, fp])
        s = np.concatenate([1 - noise[:, 0] * 2 + rng.normal(0, 0.15, len(d)),
                            rng.uniform(0, 0.8, len(fp))])
        pb.append(boxes)
        pi.append(np.full(len(boxes), img))
        sc.append(s)
    gb_, gi_ = np.concatenate(gb), np.concatenate(gi)
    while gcd(len(gb_), 10) != 1:  # keep recall k / G off the 11 / 101 recall points
        gb_ = np.concatenate([gb_, random_boxes(rng, 1, scale)])
        gi_ = np.concatenate([gi_, [int(rng.integers(0, n_images))]])
    return [np.concatenate(pb), np.concatenate(sc), np.concatenate(pi).astype(np.int64),
            gb_, gi_.astype(np.int64)]


def _case(name: str, kind: str, args: list, method: str | None = "voc") -> dict:
    pb, sc, pi, gb, gi = args
    a = [np.asarray(pb, float).reshape(-1, 4), np.asarray(sc, float).reshape(-1),
         np.asarray(pi, np.int64).reshape(-1), np.asarray(gb, float).reshape(-1, 4),
         np.asarray(gi, np.int64).reshape(-1)]
    return {"name": name, "kind": kind, "args": a,
            "kwargs": {} if method is None else {"method": method}}


PUBLIC = [  # one image, 3 ground truths, 4 detections (one duplicate)
    [[0, 0, 10, 10], [0, 0, 10, 9], [20, 20, 30, 30], [50, 50, 60, 60]],
    [0.9, 0.8, 0.7, 0.6], [0, 0, 0, 0],
    [[0, 0, 10, 10], [20, 20, 30, 31], [70, 70, 80, 80]], [0, 0, 0],
]


def public_cases() -> list[dict]:
    return [_case("one image: a duplicate, a miss, a false positive", "public", PUBLIC, None),
            _case("same, 11-point VOC 2007", "public", PUBLIC, "voc07"),
            _case("same, COCO", "public", PUBLIC, "coco")]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k, (n_img, g) in enumerate([(1, 5), (3, 4), (5, 3), (8, 2), (4, 6), (2, 8),
                                    (6, 3), (10, 2), (3, 5)]):
        method = ("voc", "voc07", "coco")[k % 3]
        cases.append(_case(f"{n_img} images, ~{g} objects each, {method}", "random",
                           scene(rng, n_img, g), method))
    crowded = scene(rng, 2, 6, det_per_gt=3.0, fp_per_image=1.0, scale=40.0)
    for method in ("voc", "voc07", "coco"):
        cases.append(_case(f"crowded scene (overlapping objects), {method}", "random", crowded,
                           method))
    # same boxes in two images: matching across images would steal the other image's objects
    twin = [[[0, 0, 10, 10], [0, 0, 10, 10], [30, 30, 40, 40]], [0.9, 0.8, 0.3], [0, 1, 1],
            [[0, 0, 10, 10], [30, 30, 40, 40], [60, 60, 70, 70]], [0, 0, 1]]
    iou_half = [[[0, 0, 3, 1], [10, 10, 14, 14]], [0.9, 0.8], [0, 0],
                [[1, 0, 4, 1], [10, 10, 14, 14], [30, 30, 31, 31]], [0, 0, 0]]  # IoU 2/4
    # the best gt of the top detection is taken by nobody, the second detection's best is taken
    devkit = [[[0, 0, 10, 10], [0.5, 0, 10.5, 10]], [0.9, 0.8], [0, 0],
              [[0, 0, 10, 10], [2, 0, 12, 10], [50, 50, 60, 60]], [0, 0, 0]]
    cases += [
        _case("the same box in two images", "edge", twin, "voc"),
        _case("IoU exactly 0.5 is a match", "edge", iou_half, "voc"),
        _case("IoU exactly 0.5, VOC 2007", "edge", iou_half, "voc07"),
        _case("second detection: best gt taken, next best free", "edge", devkit, "voc"),
        _case("second detection: best gt taken, next best free, COCO", "edge", devkit, "coco"),
        # 2 and 4 ground truths: recall reaches exactly 0.5 and 1.0 (11-point r >= 0.5, 1.0)
        _case("recall exactly 0.5 then 1.0, VOC 2007", "edge",
              [[[0, 0, 10, 10], [50, 50, 60, 60], [20, 20, 30, 30]], [0.9, 0.8, 0.7], [0, 0, 0],
               [[0, 0, 10, 10], [20, 20, 30, 30]], [0, 0]], "voc07"),
        _case("recall 0.25 ... 1.0 over two images, VOC 2007", "edge",
              [[[0, 0, 10, 10], [20, 20, 30, 30], [70, 70, 80, 80], [0, 0, 8, 8], [5, 5, 9, 9],
                [40, 40, 44, 44]], [0.95, 0.9, 0.85, 0.8, 0.6, 0.5], [0, 0, 0, 1, 1, 1],
               [[0, 0, 10, 10], [20, 20, 30, 30], [0, 0, 8, 8], [5, 5, 9, 9]], [0, 0, 1, 1]],
              "voc07"),
        _case("no detections (AP 0)", "edge", [np.zeros((0, 4)), [], [], [[0, 0, 1, 1]], [0]],
              "voc"),
        _case("a perfect detector (AP 1)", "edge",
              [[[0, 0, 10, 10], [20, 20, 30, 30], [5, 5, 9, 9]], [0.9, 0.8, 0.7], [0, 0, 1],
               [[0, 0, 10, 10], [20, 20, 30, 30], [5, 5, 9, 9]], [0, 0, 1]], "coco"),
        _case("only false positives (AP 0)", "edge",
              [[[50, 50, 60, 60], [70, 70, 80, 80]], [0.9, 0.8], [0, 0], [[0, 0, 10, 10]], [0]],
              "voc07"),
        _case("false positives first, then hits", "edge",
              [[[50, 50, 60, 60], [0, 0, 10, 10], [20, 20, 30, 30]], [0.9, 0.8, 0.7], [0, 0, 0],
               [[0, 0, 10, 10], [20, 20, 30, 30], [40, 40, 45, 45]], [0, 0, 0]], "voc"),
        _case("detections on an image without ground truth", "edge",
              [[[0, 0, 10, 10], [0, 0, 10, 10]], [0.5, 0.9], [0, 3],
               [[0, 0, 10, 10]], [0]], "voc"),
        _case("default method is 'voc'", "edge", twin, None),
        {"name": "no detections and no ground truth raises ValueError", "kind": "edge",
         "args": [np.zeros((0, 4)), np.zeros(0), np.zeros(0, np.int64),
                  np.zeros((0, 4)), np.zeros(0, np.int64)], "kwargs": {"method": "voc07"},
         "raises": "ValueError"},
        {"name": "no ground truth raises ValueError", "kind": "edge",
         "args": [np.array([[0, 0, 1, 1.0]]), np.array([0.5]), np.array([0]),
                  np.zeros((0, 4)), np.zeros(0, np.int64)], "kwargs": {"method": "voc"},
         "raises": "ValueError"},
        {"name": "unknown method raises ValueError", "kind": "edge",
         "args": _case("", "", twin)["args"], "kwargs": {"method": "voc12"},
         "raises": "ValueError"},
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    """n images of a busy scene: ~20 objects and ~22 detections each, VOC AP."""
    return scene(rng, n, 20, det_per_gt=0.9, fp_per_image=4.0, scale=400.0), {"method": "voc"}
