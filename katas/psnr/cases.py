"""Cases, known mistakes and timing inputs for the `psnr` kata (NumPy only)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

MISTAKES_FRAMEWORK = "numpy"


def _mse(x: np.ndarray, y: np.ndarray) -> float:
    d = x.astype(np.float64) - y.astype(np.float64)
    return float(np.mean(d * d))


def _db(num: float, mse: float, factor: float = 10.0, log: Any = math.log10) -> float:
    return math.inf if mse == 0 else factor * log(num / mse)


MISTAKES = [
    ("uint8-wraparound", "the difference is computed in uint8: x - y wraps around (3 - 5 = 254) "
     "and so does the square; cast to float first",
     lambda x, y, r: _db(r ** 2, float(np.mean((x - y) ** 2)))),
    ("20-log10-mse", "20 * log10(R / MSE): the factor 20 goes with the root, "
     "20 log10(R / sqrt(MSE)) = 10 log10(R^2 / MSE)", lambda x, y, r: _db(r, _mse(x, y), 20.0)),
    ("range-not-squared", "10 * log10(R / MSE): the peak must be squared, 10 log10(R^2 / MSE)",
     lambda x, y, r: _db(r, _mse(x, y))),
    ("natural-log", "natural log instead of log10: decibels are 10 log10",
     lambda x, y, r: _db(r ** 2, _mse(x, y), log=math.log)),
    ("max-as-range", "the peak is estimated as max(x); use the given data_range (the dtype's or "
     "the signal's full range), not the data", lambda x, y, r: _db(float(x.max()) ** 2, _mse(x, y))),
    ("sum-not-mean", "the squared error is summed, not averaged: MSE is a mean over all elements",
     lambda x, y, r: _db(r ** 2, _mse(x, y) * x.size)),
]


def _case(name: str, kind: str, x: Any, y: Any, r: float, dtype: Any = np.float64,
          **extra: Any) -> dict:
    return {"name": name, "kind": kind,
            "args": [np.asarray(x, dtype=dtype), np.asarray(y, dtype=dtype), r], "kwargs": {},
            **extra}


def noisy_uint8(rng: np.random.Generator, shape: tuple[int, ...], sigma: float) -> tuple:
    x = rng.integers(0, 256, shape)
    y = np.clip(np.round(x + rng.normal(0, sigma, shape)), 0, 255)
    return x.astype(np.uint8), y.astype(np.uint8)


def public_cases() -> list[dict]:
    x = np.array([[0, 50], [100, 200]])
    y = np.array([[20, 48], [100, 190]])
    return [
        _case("2 x 2 uint8 images, data_range 255", "public", x, y, 255.0, np.uint8),
        _case("identical images: inf", "public", x, x, 255.0, np.uint8),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for shape, sigma in [((16, 16), 5.0), ((20, 13, 3), 2.0), ((8, 8), 30.0), ((32, 32), 0.7)]:
        x, y = noisy_uint8(rng, shape, sigma)
        cases.append(_case(f"uint8 {shape}, noise sigma {sigma}", "random", x, y, 255.0, np.uint8))
    for k, shape in enumerate([(12, 12), (10, 7, 3), (25, 25)]):
        dtype = np.float32 if k == 1 else np.float64
        x = rng.random(shape) * 0.9
        y = np.clip(x + rng.normal(0, 0.05, shape), 0, 1)
        cases.append(_case(f"floats in [0, 1] {shape} ({np.dtype(dtype).name}), data_range 1",
                           "random", x, y, 1.0, dtype))
    x = rng.uniform(0, 200, (9, 9))
    cases.append(_case("float image in [0, 255], data_range 255", "random", x,
                       x + rng.normal(0, 3, x.shape), 255.0))
    x16 = rng.integers(0, 4096, (10, 10))
    cases.append(_case("12-bit image in uint16, data_range 4095", "random", x16,
                       np.clip(x16 + rng.integers(-20, 21, x16.shape), 0, 4095), 4095.0, np.uint16))
    cases += [
        _case("y brighter than x everywhere (uint8)", "edge", np.full((4, 4), 10),
              np.full((4, 4), 13), 255.0, np.uint8),
        _case("identical float images: inf", "edge", np.linspace(0, 1, 12).reshape(3, 4),
              np.linspace(0, 1, 12).reshape(3, 4), 1.0),
        _case("one differing pixel in 100", "edge", np.zeros((10, 10)),
              np.eye(1, 100).reshape(10, 10), 1.0),
        _case("single pixel", "edge", [[0.25]], [[0.75]], 1.0),
        _case("worst case: black vs white (0 dB)", "edge", np.zeros((3, 3)), np.full((3, 3), 255),
              255.0, np.uint8),
        _case("integer data_range", "edge", [[1, 2], [3, 4]], [[1, 2], [3, 6]], 255, np.uint8),
        _case("tiny error (about 120 dB)", "edge", np.full((5, 5), 0.5),
              np.full((5, 5), 0.5 + 1e-6), 1.0),
        _case("data_range 0 raises ValueError", "edge", np.zeros((2, 2)), np.ones((2, 2)), 0.0,
              raises="ValueError"),
        _case("negative data_range raises ValueError", "edge", np.zeros((2, 2)), np.ones((2, 2)),
              -1.0, raises="ValueError"),
        _case("different shapes raise ValueError", "edge", np.zeros((2, 3)), np.zeros((3, 2)), 1.0,
              raises="ValueError"),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    x, y = noisy_uint8(rng, (n, n, 3), 5.0)
    return [x, y, 255.0], {}
