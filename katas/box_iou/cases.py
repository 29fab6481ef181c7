"""Cases, known mistakes, comparison and timing inputs for the `box_iou` kata (NumPy only).

Degenerate probes (identical or touching boxes) sit on a kink of min / max / clamp, where
the gradient depends on how ties are broken: there the runner compares gradients with an
enormous atol, so only their finiteness is checked (the value is still compared exactly, by
:func:`compare`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

MISTAKES_FRAMEWORK = "numpy"
FINITE_ONLY_ATOL = 1e30  # gradient atol of the kink probes: checks NaN / inf only


def _iou(b1: np.ndarray, b2: np.ndarray, plus: float = 0.0, clip: bool = True,
         subtract_inter: bool = True) -> np.ndarray:
    """Batched IoU (B, N, 4), (B, M, 4) -> (B, N, M) with optional mistakes."""
    b1 = b1.astype(np.float64)
    b2 = b2.astype(np.float64)
    area1 = (b1[..., 2] - b1[..., 0] + plus) * (b1[..., 3] - b1[..., 1] + plus)
    area2 = (b2[..., 2] - b2[..., 0] + plus) * (b2[..., 3] - b2[..., 1] + plus)
    wh = (np.minimum(b1[:, :, None, 2:], b2[:, None, :, 2:])
          - np.maximum(b1[:, :, None, :2], b2[:, None, :, :2]) + plus)
    if clip:
        wh = np.clip(wh, 0, None)
    inter = wh[..., 0] * wh[..., 1]
    union = area1[:, :, None] + area2[:, None, :] - (inter if subtract_inter else 0)
    with np.errstate(all="ignore"):
        return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def _first_batch(b1: np.ndarray, b2: np.ndarray) -> np.ndarray:
    if b1.shape[0] < 2:
        raise ValueError("needs B >= 2")
    return _iou(b1, np.broadcast_to(b2[:1], b2.shape))


MISTAKES = [
    ("plus-one", "+1 pixel areas: (x2 - x1 + 1) * (y2 - y1 + 1) is the integer-pixel convention; "
     "these boxes are continuous", lambda b1, b2: _iou(b1, b2, plus=1.0)),
    ("no-clamp", "intersection width/height not clamped at 0: disjoint boxes get a non-zero "
     "(even negative) intersection; use (rb - lt).clamp(min=0)",
     lambda b1, b2: _iou(b1, b2, clip=False)),
    ("transposed", "transposed output: the result is (B, M, N) instead of (B, N, M)",
     lambda b1, b2: _iou(b1, b2).transpose(0, 2, 1)),
    ("sum-of-areas", "divided by area1 + area2: the union is area1 + area2 - intersection",
     lambda b1, b2: _iou(b1, b2, subtract_inter=False)),
    ("batch-mixing", "batch items are mixed: boxes1[b] must be compared with boxes2[b] only (here "
     "every item is compared with boxes2[0], as when a flattened (B*N, B*M) matrix is sliced "
     "wrongly or the batch axis is broadcast instead of aligned)", _first_batch),
]


def compare(case: dict, expected: np.ndarray, got: np.ndarray) -> tuple[bool, str, float | None]:
    """Values at the per-dtype tolerance, whatever atol the gradient comparison uses."""
    from prepcli.katas.judge import compare_arrays, dtype_tolerances  # noqa: PLC0415 - parent only

    return compare_arrays(expected, got, *dtype_tolerances(case))


def random_boxes(rng: np.random.Generator, shape: tuple[int, ...], scale: float = 100.0) -> np.ndarray:
    xy = rng.uniform(0, scale, shape + (2,))
    wh = rng.uniform(1, scale / 3, shape + (2,))
    return np.concatenate([xy, xy + wh], axis=-1)


def _case(name: str, kind: str, b1: Any, b2: Any, dtype: type = np.float64, grad: bool = True,
          finite_only: bool = False) -> dict:
    a1 = np.asarray(b1, dtype=dtype)
    a2 = np.asarray(b2, dtype=dtype)
    c = {"name": name, "kind": kind, "args": [a1, a2], "kwargs": {}}
    if grad:
        c["grad"] = [0, 1]
    if finite_only:
        c.update(finite=True, rtol=1e-6, atol=FINITE_ONLY_ATOL)
    return c


def public_cases() -> list[dict]:
    return [
        _case("one batch item, 1 x 2 boxes", "public", [[[0, 0, 2, 2]]],
              [[[1, 1, 3, 3], [0, 0, 2, 2.0]]]),
        _case("two batch items", "public", [[[0, 0, 2, 2]], [[0, 0, 1, 4]]],
              [[[1, 1, 3, 3]], [[0, 0, 2, 2.0]]]),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k, (b, n, m) in enumerate([(3, 5, 7), (2, 10, 4), (4, 6, 6), (1, 12, 9), (5, 3, 8),
                                   (2, 12, 10)]):
        dtype = np.float32 if k == 4 else np.float64
        cases.append(_case(f"random B={b}, N={n}, M={m} ({np.dtype(dtype).name})", "random",
                           random_boxes(rng, (b, n)), random_boxes(rng, (b, m)), dtype))
    # batch items that differ a lot: mixing them up cannot go unnoticed
    b1 = np.stack([random_boxes(rng, (6,), 20.0), random_boxes(rng, (6,), 20.0) + 500.0])
    b2 = np.stack([random_boxes(rng, (5,), 20.0) + 500.0, random_boxes(rng, (5,), 20.0) + 500.0])
    cases.append(_case("two far-apart batch items", "random", b1, b2))
    small = np.array([[[0, 0, 2, 2], [0.5, 0, 2.5, 2]], [[0, 0.6, 2, 2.6], [3, 3, 4, 4]]], float)
    cases.append(_case("small boxes (2 x 2)", "random", small, small[::-1] + 0.25))
    cases += [
        _case("N = 0", "edge", np.zeros((2, 0, 4)), random_boxes(rng, (2, 3)), grad=False),
        _case("M = 0", "edge", random_boxes(rng, (2, 3)), np.zeros((2, 0, 4)), grad=False),
        _case("B = 0", "edge", np.zeros((0, 3, 4)), np.zeros((0, 2, 4)), grad=False),
        _case("disjoint boxes (IoU 0, zero gradient)", "edge",
              [[[0, 0, 1, 1], [10, 10, 12, 13]]], [[[2, 2, 3, 3], [20, 0, 21, 5]]]),
        _case("nested boxes", "edge", [[[0, 0, 10, 10]]], [[[2, 3, 5, 7]]]),
        _case("two zero-area points (union 0: IoU 0)", "probe", [[[1, 1, 1, 1], [0, 0, 2, 2]]],
              [[[1, 1, 1, 1], [5, 5, 5, 5]]], finite_only=True),
        _case("identical boxes (IoU 1, finite gradients)", "probe",
              [[[0, 0, 2, 3], [5, 5, 9, 6]]], [[[0, 0, 2, 3], [5, 5, 9, 6]]], finite_only=True),
        _case("touching boxes (shared edge)", "probe", [[[0, 0, 2, 2]]], [[[2, 0, 4, 2]]],
              finite_only=True),
        _case("huge coordinates (1e6), float32", "probe",
              random_boxes(rng, (2, 4), 1e6), random_boxes(rng, (2, 5), 1e6), np.float32,
              grad=False),
        {"name": "gradcheck in float64", "kind": "gradcheck",
         "args": [random_boxes(rng, (1, 2)), random_boxes(rng, (1, 3))], "kwargs": {},
         "grad": [0, 1]},
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    """A batch of 8 images: n predicted boxes against n anchors / targets each."""
    return [random_boxes(rng, (8, n), 1000.0).astype(np.float32),
            random_boxes(rng, (8, n), 1000.0).astype(np.float32)], {}

STABILITY_HINT = ("non-finite value or gradient: torch.where(union > 0, inter / union, 0) "
                  "differentiates both branches, and inter / union with union == 0 gives NaN "
                  "gradients; divide by torch.where(union > 0, union, 1) (or a clamped union)")
