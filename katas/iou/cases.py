"""Cases, known mistakes and timing inputs for the `iou` kata (NumPy only; see prepcli/katas)."""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "numpy"


def _iou(b1: np.ndarray, b2: np.ndarray, plus: float = 0.0, clip: bool = True,
         subtract_inter: bool = True) -> np.ndarray:
    area1 = (b1[:, 2] - b1[:, 0] + plus) * (b1[:, 3] - b1[:, 1] + plus)
    area2 = (b2[:, 2] - b2[:, 0] + plus) * (b2[:, 3] - b2[:, 1] + plus)
    wh = np.minimum(b1[:, None, 2:], b2[None, :, 2:]) - np.maximum(b1[:, None, :2], b2[None, :, :2]) + plus
    if clip:
        wh = np.clip(wh, 0, None)
    inter = wh[..., 0] * wh[..., 1]
    union = area1[:, None] + area2[None, :] - (inter if subtract_inter else 0)
    with np.errstate(all="ignore"):
        return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


MISTAKES = [
    ("plus-one", "+1 pixel areas: (x2 - x1 + 1) * (y2 - y1 + 1) is the integer-pixel convention; "
     "these boxes are continuous", lambda b1, b2: _iou(b1, b2, plus=1.0)),
    ("transposed", "transposed output: the result is (M, N) instead of (N, M)",
     lambda b1, b2: _iou(b1, b2).T),
    ("no-clip", "intersection width/height not clipped at 0, so disjoint boxes get a "
     "non-zero intersection", lambda b1, b2: _iou(b1, b2, clip=False)),
    ("union-double-counts", "union = area1 + area2 without subtracting the intersection",
     lambda b1, b2: _iou(b1, b2, subtract_inter=False)),
]


def random_boxes(rng: np.random.Generator, n: int, dtype: type = np.float64,
                 scale: float = 100.0) -> np.ndarray:
    """(n, 4) valid boxes with corners in [0, scale] and sides in [1, scale / 3]."""
    xy = rng.uniform(0, scale, (n, 2))
    wh = rng.uniform(1, scale / 3, (n, 2))
    return np.concatenate([xy, xy + wh], axis=1).astype(dtype)


def _case(name: str, kind: str, b1: list | np.ndarray, b2: list | np.ndarray,
          dtype: type = np.float64) -> dict:
    a1 = np.asarray(b1, dtype=dtype).reshape(-1, 4)
    a2 = np.asarray(b2, dtype=dtype).reshape(-1, 4)
    return {"name": name, "kind": kind, "args": [a1, a2], "kwargs": {}}


def public_cases() -> list[dict]:
    return [
        _case("two overlapping boxes", "public", [[0, 0, 2, 2]], [[1, 1, 3, 3]]),  # 1/7
        _case("2 x 3 pairs", "public", [[0, 0, 2, 2], [0, 0, 4, 4]],
              [[0, 0, 2, 2], [1, 1, 3, 3], [10, 10, 11, 11]]),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k in range(12):
        n, m = int(rng.integers(1, 40)), int(rng.integers(1, 40))
        dtype = np.float32 if k % 3 == 2 else np.float64
        cases.append(_case(f"random {n}x{m} {np.dtype(dtype).name}", "random",
                           random_boxes(rng, n, dtype), random_boxes(rng, m, dtype), dtype))
    cases.append(_case("clustered boxes 30x30", "random",
                       random_boxes(rng, 30, scale=10.0), random_boxes(rng, 30, scale=10.0)))
    b = random_boxes(rng, 5)
    cases += [
        _case("empty boxes1", "edge", np.zeros((0, 4)), random_boxes(rng, 3)),
        _case("empty boxes2", "edge", random_boxes(rng, 3), np.zeros((0, 4))),
        _case("both empty", "edge", np.zeros((0, 4)), np.zeros((0, 4))),
        _case("single pair", "edge", [[1.5, 2.5, 4.0, 7.0]], [[2.0, 2.0, 5.0, 6.0]]),
        _case("identical boxes", "edge", b, b),
        _case("disjoint boxes", "edge", [[0, 0, 1, 1], [5, 5, 6, 6]], [[2, 2, 3, 3], [7, 0, 9, 1]]),
        _case("touching edges", "edge", [[0, 0, 1, 1]], [[1, 0, 2, 1], [0, 1, 1, 2]]),
        _case("nested boxes", "edge", [[0, 0, 10, 10]], [[2, 2, 4, 4], [0, 0, 10, 5]]),
        _case("zero-area boxes (union 0 -> IoU 0)", "edge",
              [[1, 1, 1, 1], [0, 0, 0, 5], [0, 0, 2, 2]], [[1, 1, 1, 1], [0, 0, 0, 5]]),
        _case("large coordinates", "edge", [[1e5, 1e5, 1e5 + 50, 1e5 + 80]],
              [[1e5 + 10, 1e5, 1e5 + 60, 1e5 + 40]]),
        _case("N != M, asymmetric", "edge", random_boxes(rng, 2), random_boxes(rng, 7)),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return [random_boxes(rng, n), random_boxes(rng, n)], {}
