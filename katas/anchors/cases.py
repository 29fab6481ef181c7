"""Cases, known mistakes and timing inputs for the `anchors` kata (NumPy only)."""

from __future__ import annotations

from typing import Any

import numpy as np

MISTAKES_FRAMEWORK = "numpy"


def _anchors(fh: int, fw: int, stride: float, sizes: Any, ratios: Any, *, inverted: bool = False,
             offset: float = 0.5, ratio_major: bool = False, size_is_area: bool = False,
             column_major: bool = False, xy_swapped: bool = False) -> np.ndarray:
    """The anchors with one optional deliberate deviation (plain loops, for the diagnosis)."""
    if fh < 0 or fw < 0 or stride <= 0 or not len(sizes) or not len(ratios):
        raise ValueError("bad arguments")
    if min(sizes) <= 0 or min(ratios) <= 0:
        raise ValueError("bad arguments")
    shapes = []
    pairs = ([(s, r) for r in ratios for s in sizes] if ratio_major
             else [(s, r) for s in sizes for r in ratios])
    for s, r in pairs:
        r = 1 / r if inverted else r
        if size_is_area:
            w, h = np.sqrt(s / r), np.sqrt(s * r)
        else:
            w, h = s / np.sqrt(r), s * np.sqrt(r)
        shapes.append((w, h))
    locs = ([(y, x) for x in range(fw) for y in range(fh)] if column_major
            else [(y, x) for y in range(fh) for x in range(fw)])
    out = []
    for y, x in locs:
        cx, cy = (x + offset) * stride, (y + offset) * stride
        if xy_swapped:
            cx, cy = cy, cx
        for w, h in shapes:
            out.append([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
    return np.asarray(out, dtype=np.float64).reshape(-1, 4)


def _m(**over: Any):  # noqa: ANN202
    return lambda *a, **k: _anchors(*a, **k, **over)


MISTAKES = [
    ("ratio-inverted", "the aspect ratio is used as w / h; here ratio = h / w, so w = size / "
     "sqrt(ratio) and h = size * sqrt(ratio)", _m(inverted=True)),
    ("corner-centre", "anchors centred at (x * stride, y * stride), the cell's corner (what "
     "torchvision's AnchorGenerator does); this kata centres them at ((x + 0.5) * stride, "
     "(y + 0.5) * stride)", _m(offset=0.0)),
    ("ratio-major", "anchors of a location ordered ratio-major (for ratio: for size); the "
     "contract is size-major (for size: for ratio)", _m(ratio_major=True)),
    ("size-is-area", "size used as the area: the area of an anchor is size ** 2 (w = size / "
     "sqrt(ratio)), not size", _m(size_is_area=True)),
    ("column-major-locations", "locations enumerated column by column (x outer, y inner); "
     "the contract is row-major: y outer, x inner", _m(column_major=True)),
    ("xy-swapped", "x and y swapped: the centre's x comes from the column index x (width "
     "feature_w), its y from the row index y", _m(xy_swapped=True)),
]


def _case(name: str, kind: str, fh: int, fw: int, stride: float, sizes: list, ratios: list,
          **extra: Any) -> dict:
    c = {"name": name, "kind": kind, "args": [fh, fw, stride, list(sizes), list(ratios)],
         "kwargs": {}, "rtol": 1e-5, "atol": 1e-3}  # pixel coordinates, float32 allowed
    c.update(extra)
    return c


def public_cases() -> list[dict]:
    return [_case("2 x 2 map, stride 16, one size, three ratios", "public", 2, 2, 16, [32],
                  [0.5, 1.0, 2.0])]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = [
        _case("3 x 5 map, stride 8, 2 sizes x 3 ratios", "random", 3, 5, 8, [16, 32],
              [0.5, 1.0, 2.0]),
        _case("5 x 3 map, stride 32, 3 sizes x 2 ratios", "random", 5, 3, 32, [64, 128, 256],
              [0.5, 2.0]),
        _case("7 x 4 map, stride 4, ratios 1/3 and 3", "random", 7, 4, 4, [10], [1 / 3, 3.0]),
        _case("RetinaNet-like level: 3 scales x 3 ratios", "random", 4, 6, 32,
              [32.0, 32 * 2 ** (1 / 3), 32 * 2 ** (2 / 3)], [0.5, 1.0, 2.0]),
        _case("non-integer stride 12.5", "random", 3, 2, 12.5, [20, 40], [1.0, 1.5]),
    ]
    h, w = int(rng.integers(2, 9)), int(rng.integers(2, 9))
    sizes = sorted(rng.uniform(8, 200, int(rng.integers(1, 4))).round(2).tolist())
    ratios = sorted(rng.uniform(0.25, 4, int(rng.integers(1, 4))).round(3).tolist())
    cases.append(_case(f"random {h} x {w} map, {len(sizes)} sizes x {len(ratios)} ratios",
                       "random", h, w, 16, sizes, ratios))
    cases += [
        _case("1 x 1 map", "edge", 1, 1, 16, [32, 64], [0.5, 1.0, 2.0]),
        _case("1 x 6 map (a single row)", "edge", 1, 6, 8, [16], [0.5, 2.0]),
        _case("6 x 1 map (a single column)", "edge", 6, 1, 8, [16], [0.5, 2.0]),
        _case("empty map (0 x 4)", "edge", 0, 4, 16, [32], [1.0]),
        _case("ratio 1 only: square anchors", "edge", 2, 3, 16, [16, 48], [1.0]),
        _case("ratio 0 raises ValueError", "edge", 2, 2, 16, [32], [0.0, 1.0],
              raises="ValueError"),
        _case("no sizes raises ValueError", "edge", 2, 2, 16, [], [1.0], raises="ValueError"),
        _case("stride 0 raises ValueError", "edge", 2, 2, 0, [32], [1.0], raises="ValueError"),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    """An n x n feature map (stride 8), 3 sizes x 3 ratios: 9 n^2 anchors."""
    return [n, n, 8, [32.0, 40.3, 50.8], [0.5, 1.0, 2.0]], {}
