"""Cases, known mistakes and timing inputs for the `median_filter` kata (NumPy only)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

MISTAKES_FRAMEWORK = "numpy"


def _filt(image: np.ndarray, k: int, mode: str = "reflect", stat: str = "median",
          pad: str = "centred") -> np.ndarray:
    if pad == "centred":
        p = np.pad(image, k // 2, mode=mode)  # type: ignore[call-overload]
    elif pad == "after":
        p = np.pad(image, ((0, k - 1), (0, k - 1)), mode=mode)  # type: ignore[call-overload]
    else:
        p = image
    win = sliding_window_view(p, (k, k))
    return win.mean(axis=(-2, -1)) if stat == "mean" else np.median(win, axis=(-2, -1))


MISTAKES = [
    ("mean-not-median", "the window's mean (a box blur) instead of its median: one outlier "
     "pixel still leaks into all its neighbours", lambda im, k: _filt(im, k, stat="mean")),
    ("zero-padding", "the border is zero-padded; reflect it: np.pad(image, k // 2, "
     "mode='reflect')", lambda im, k: _filt(im, k, "constant")),
    ("symmetric-padding", "the border repeats the edge pixel (numpy mode 'symmetric', scipy's "
     "'reflect'); the contract is numpy's 'reflect' (d c b | a b c d), which does not repeat it",
     lambda im, k: _filt(im, k, "symmetric")),
    ("edge-padding", "the border replicates the edge pixel (mode 'edge'); the contract is "
     "numpy's 'reflect'", lambda im, k: _filt(im, k, "edge")),
    ("valid-output", "no padding: the output is (H - k + 1, W - k + 1); pad by k // 2 so it keeps "
     "the input's size", lambda im, k: _filt(im, k, pad="none")),
    ("off-centre", "the window starts at the pixel (rows i..i+k-1) instead of being centred on "
     "it (rows i-k//2..i+k//2)", lambda im, k: _filt(im, k, pad="after")),
]


def _case(name: str, kind: str, image: Any, k: int, dtype: type = np.float64, **extra: Any) -> dict:
    return {"name": name, "kind": kind, "args": [np.asarray(image, dtype=dtype), k], "kwargs": {},
            **extra}


def salt_and_pepper(rng: np.random.Generator, h: int, w: int, amount: float = 0.15) -> np.ndarray:
    """A smooth image with a fraction of its pixels set to 0 or 255."""
    y, x = np.mgrid[0:h, 0:w]
    img = np.round(100 + 60 * np.sin(x / 3.0) * np.cos(y / 4.0) + rng.normal(0, 3, (h, w)), 1)
    noise = rng.random((h, w))
    img[noise < amount / 2] = 0.0
    img[noise > 1 - amount / 2] = 255.0
    return img


def public_cases() -> list[dict]:
    img = np.array([[10, 10, 10, 10, 10],
                    [10, 255, 10, 10, 10],
                    [10, 10, 10, 0, 10],
                    [20, 20, 20, 20, 20],
                    [20, 20, 255, 20, 20]], dtype=np.float64)
    return [_case("5 x 5 with salt and pepper, k = 3", "public", img, 3)]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for j, (h, w, k) in enumerate([(8, 8, 3), (12, 9, 5), (7, 15, 3), (16, 16, 7), (10, 6, 5),
                                   (20, 13, 3), (9, 11, 9)]):
        dtype = np.float32 if j % 3 == 1 else np.float64
        cases.append(_case(f"salt and pepper {h}x{w}, k = {k} ({np.dtype(dtype).name})",
                           "random", salt_and_pepper(rng, h, w), k, dtype))
    cases.append(_case("random normal values 11x10, k = 5", "random", rng.normal(0, 1, (11, 10)), 5))
    cases += [
        _case("k = 1 is the identity", "edge", rng.normal(0, 1, (4, 5)), 1),
        _case("single pixel, k = 1", "edge", [[3.5]], 1),
        _case("one row, k = 1", "edge", [[1.0, 9.0, 2.0]], 1),
        _case("k // 2 = min(H, W) - 1 (widest allowed)", "edge", rng.normal(0, 1, (3, 6)), 5),
        _case("2 x 2, k = 3", "edge", [[1.0, 2.0], [3.0, 40.0]], 3),
        _case("gradient along the border (padding matters)", "edge",
              np.add.outer(np.arange(6.0), 10 * np.arange(7.0)), 3),
        _case("constant image", "edge", np.full((5, 5), 7.0), 3),
        _case("repeated values (ties)", "edge", rng.integers(0, 3, (6, 6)), 3),
        _case("negative and huge values", "edge", rng.normal(0, 1e12, (6, 5)), 3),
        _case("even k raises ValueError", "edge", np.zeros((6, 6)), 4, raises="ValueError"),
        _case("k = 2 raises ValueError", "edge", np.zeros((5, 5)), 2, raises="ValueError"),
        _case("k = 0 raises ValueError", "edge", np.zeros((5, 5)), 0, raises="ValueError"),
        _case("negative k raises ValueError", "edge", np.zeros((5, 5)), -3, raises="ValueError"),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return [salt_and_pepper(rng, n, n), 5], {}
