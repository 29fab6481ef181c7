"""Cases, known mistakes and timing inputs for the `integral_image` kata (NumPy only)."""

from __future__ import annotations

from typing import Any

import numpy as np

MISTAKES_FRAMEWORK = "numpy"


def _acc(img: np.ndarray) -> type:
    return np.float64 if img.dtype.kind == "f" else np.int64


def _sat(img: np.ndarray, axes: tuple[int, ...] = (0, 1), border: str = "start",
         store: Any = None) -> np.ndarray:
    s: np.ndarray = img.astype(_acc(img))
    for ax in axes:
        s = np.cumsum(s, axis=ax)
    if border == "none":
        return s
    out = np.zeros((img.shape[0] + 1, img.shape[1] + 1), dtype=store or s.dtype)
    if border == "start":
        out[1:, 1:] = s
    else:
        out[:-1, :-1] = s
    return out


MISTAKES = [
    ("no-zero-border", "no zero first row and column: the table is (H, W) and inclusive; the "
     "contract is (H + 1, W + 1) with S[i, j] = img[:i, :j].sum(), so box sums need no special "
     "case at the border", lambda im: _sat(im, border="none")),
    ("zero-border-at-end", "the zero row and column are at the end (S[:-1, :-1] = cumsum); they "
     "belong first: S[1:, 1:] = cumsum, S[0, :] = S[:, 0] = 0", lambda im: _sat(im, border="end")),
    ("one-axis-only", "cumulative sum along the rows only: a summed-area table needs cumsum along "
     "axis 0 and then axis 1", lambda im: _sat(im, axes=(0,))),
    ("columns-only", "cumulative sum along the columns only: a summed-area table needs cumsum "
     "along axis 0 and then axis 1", lambda im: _sat(im, axes=(1,))),
    ("input-dtype-overflow", "the table is stored in the input's dtype: uint8 sums wrap around "
     "at 256. Accumulate integers in int64 (np.cumsum(..., dtype=np.int64))",
     lambda im: _sat(im, store=im.dtype)),
]


def _case(name: str, kind: str, img: Any, dtype: Any = np.float64, **extra: Any) -> dict:
    return {"name": name, "kind": kind, "args": [np.asarray(img, dtype=dtype)], "kwargs": {},
            **extra}


def public_cases() -> list[dict]:
    return [_case("3 x 4 uint8 ramp", "public", np.arange(12).reshape(3, 4), np.uint8)]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for h, w in [(8, 8), (13, 7), (5, 21), (32, 32)]:
        cases.append(_case(f"random uint8 {h}x{w}", "random", rng.integers(0, 256, (h, w)), np.uint8))
    cases.append(_case("random int16 with negatives 9x11", "random",
                       rng.integers(-30000, 30000, (9, 11)), np.int16))
    cases.append(_case("random int32 12x10", "random", rng.integers(-10**6, 10**6, (12, 10)), np.int32))
    cases.append(_case("random float64 10x10", "random", rng.normal(0, 1, (10, 10))))
    cases.append(_case("random float32 in [0, 1] 16x12", "random", rng.random((16, 12)), np.float32))
    cases += [
        _case("bright uint8 image (sums far above 255)", "edge", np.full((40, 50), 255), np.uint8),
        _case("single pixel", "edge", [[7]], np.uint8),
        _case("one row", "edge", [[1, 2, 3, 4]], np.int64),
        _case("one column", "edge", [[1.5], [2.5], [-1.0]]),
        _case("bool mask", "edge", rng.random((6, 7)) > 0.5, np.bool_),
        _case("empty image (0 rows)", "edge", np.zeros((0, 5)), np.uint8),
        _case("empty image (0 x 0)", "edge", np.zeros((0, 0))),
        _case("large int64 values", "edge", rng.integers(-2**40, 2**40, (5, 5)), np.int64),
        _case("uint16 near its maximum", "edge", np.full((20, 20), 65535), np.uint16),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return [rng.integers(0, 256, (n, n), dtype=np.uint8)], {}
