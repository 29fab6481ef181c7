"""Cases, known mistakes and timing inputs for the `sobel` kata (NumPy only)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

MISTAKES_FRAMEWORK = "numpy"

KX = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def _sobel(gray: np.ndarray, mode: str | None = "constant", sign: float = 1.0) -> np.ndarray:
    g = gray.astype(np.float64)
    p = np.pad(g, 1, mode=mode) if mode else g  # type: ignore[call-overload]
    win = sliding_window_view(p, (3, 3))  # [H, W, 3, 3]
    return sign * np.einsum("hwab,kab->khw", win, np.stack([KX, KX.T]))


def _uint8(g: np.ndarray) -> np.ndarray:
    return np.clip(g, 0, 255).astype(np.uint8)


MISTAKES = [
    ("clipped-uint8", "the signed responses are clipped to [0, 255] and cast to uint8 (as a "
     "display-oriented version does): every negative derivative becomes 0. Return the floats as they are",
     lambda g: _uint8(_sobel(g))),
    ("flipped-swapped-clipped", "a common display-oriented sobel_filter: kernels [[1, 0, -1], ...] "
     "(positive where intensity decreases), (vertical, horizontal) order, and clipped to uint8",
     lambda g: _uint8(-_sobel(g)[::-1])),
    ("swapped", "(G_y, G_x) instead of (G_x, G_y): G_x, the horizontal derivative, responds to "
     "vertical edges", lambda g: _sobel(g)[::-1].copy()),
    ("sign-flipped", "the signs are flipped: with cross-correlation Gx = [[-1, 0, 1], ...] is "
     "positive where intensity increases to the right ([[1, 0, -1], ...] is the convolution "
     "kernel)", lambda g: _sobel(g, sign=-1.0)),
    ("edge-padding", "the border is replicated (mode='edge'); pad with zeros",
     lambda g: _sobel(g, "edge")),
    ("reflect-padding", "the border is reflected; pad with zeros", lambda g: _sobel(g, "reflect")),
    ("valid-output", "no padding: the output is (2, H - 2, W - 2); zero-pad by one pixel so it "
     "keeps the input's size", lambda g: _sobel(g, None)),
    ("magnitude", "the gradient magnitude sqrt(G_x^2 + G_y^2) is returned; return the two "
     "signed components, shape (2, H, W)", lambda g: np.hypot(*_sobel(g))),
]


def _case(name: str, kind: str, gray: Any, dtype: type = np.float64, **extra: Any) -> dict:
    return {"name": name, "kind": kind, "args": [np.asarray(gray, dtype=dtype)], "kwargs": {},
            **extra}


def public_cases() -> list[dict]:
    step = np.array([[0, 0, 10, 10, 10]] * 4, dtype=np.float64)
    return [_case("a dark-to-bright vertical edge, 4 x 5", "public", step)]


def _blocks(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """Piecewise-constant integer intensities in [0, 255]: edges in both directions."""
    bh, bw = max(1, h // 3), max(1, w // 3)
    coarse = rng.integers(0, 256, (-(-h // bh), -(-w // bw)))
    return np.kron(coarse, np.ones((bh, bw)))[:h, :w]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k, (h, w) in enumerate([(8, 8), (12, 7), (5, 16), (20, 20), (9, 13), (31, 17)]):
        dtype = np.float32 if k % 3 == 1 else np.float64
        cases.append(_case(f"random blocks {h}x{w} ({np.dtype(dtype).name})", "random",
                           _blocks(rng, h, w), dtype))
    cases.append(_case("random integer intensities 10x12", "random",
                       rng.integers(0, 256, (10, 12))))
    cases.append(_case("random normal values (negative intensities) 9x9", "random",
                       rng.normal(0, 50, (9, 9))))
    y, x = np.mgrid[0:8, 0:10]
    cases += [
        _case("ramp increasing to the right", "edge", 10.0 * x),
        _case("ramp increasing downward", "edge", 10.0 * y),
        _case("ramp increasing to the left and upward", "edge", 200.0 - 7 * x - 11 * y),
        _case("constant image (zero padding shows at the border)", "edge", np.full((5, 6), 100.0)),
        _case("single pixel", "edge", [[7.0]]),
        _case("one row", "edge", [[0.0, 5.0, 1.0, 9.0, 3.0]]),
        _case("one column", "edge", [[0.0], [5.0], [1.0], [9.0]]),
        _case("2 x 2", "edge", [[1.0, 2.0], [3.0, 4.0]]),
        _case("large responses (over 255)", "edge", 1000.0 * _blocks(rng, 6, 6)),
        _case("a bright dot", "edge", np.pad([[255.0]], 3)),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return [rng.integers(0, 256, (n, n)).astype(np.float64)], {}
