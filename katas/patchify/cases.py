"""Cases, known mistakes and timing inputs for the `patchify` kata (NumPy only)."""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "numpy"


def _patchify(x: np.ndarray, p: int, order: str = "pqc", col_major: bool = False) -> np.ndarray:
    b, c, h, w = x.shape
    y = x.reshape(b, c, h // p, p, w // p, p)  # [B, C, h, p, w, q]
    grid = (2, 4) if not col_major else (4, 2)
    inner = {"pqc": (3, 5, 1), "cpq": (1, 3, 5), "qpc": (5, 3, 1)}[order]
    return y.transpose(0, *grid, *inner).reshape(b, (h // p) * (w // p), p * p * c)


MISTAKES = [
    ("cpq-order", "each patch is flattened in (channel, row, column) order; ViT/MAE use (row, column, "
     "channel): move C last", lambda x, p: _patchify(x, p, "cpq")),
    ("qpc-order", "rows and columns inside a patch are swapped: flatten (row, column, channel)",
     lambda x, p: _patchify(x, p, "qpc")),
    ("column-major-patches", "patches are in column-major order; go along each row of patches first",
     lambda x, p: _patchify(x, p, col_major=True)),
    ("patches-transposed", "the output is (B, P*P*C, L); it should be (B, L, P*P*C)",
     lambda x, p: _patchify(x, p).transpose(0, 2, 1)),
    ("plain-reshape", "a plain reshape without transposing the axes mixes pixels of different "
     "patches", lambda x, p: x.reshape(x.shape[0], -1, p * p * x.shape[1])),
]


def _case(name, kind, images, p, dtype=np.float64, **extra) -> dict:
    return {"name": name, "kind": kind, "args": [np.asarray(images, dtype=dtype), int(p)],
            "kwargs": {}, **extra}


def public_cases() -> list[dict]:
    img = np.arange(2 * 4 * 4, dtype=np.float64).reshape(1, 2, 4, 4)
    return [_case("1 x 2 x 4 x 4 image, P = 2", "public", img, 2)]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k, (b, c, h, w, p) in enumerate([(2, 3, 8, 8, 4), (1, 3, 12, 8, 4), (3, 1, 6, 9, 3),
                                         (2, 4, 16, 16, 8), (1, 3, 32, 32, 16), (2, 2, 10, 4, 2)]):
        dtype = np.float32 if k % 2 else np.float64
        cases.append(_case(f"random {b}x{c}x{h}x{w}, P = {p} ({np.dtype(dtype).name})", "random",
                           rng.normal(0, 1, (b, c, h, w)), p, dtype))
    cases += [
        _case("P = 1", "edge", rng.normal(0, 1, (1, 3, 3, 2)), 1),
        _case("P = H = W (one patch)", "edge", rng.normal(0, 1, (2, 3, 4, 4)), 4),
        _case("single channel", "edge", rng.normal(0, 1, (1, 1, 4, 6)), 2),
        _case("batch of 1, non-square", "edge", rng.normal(0, 1, (1, 3, 6, 12)), 3),
        _case("H not divisible by P raises ValueError", "edge", np.zeros((1, 3, 10, 8)), 4,
              raises="ValueError"),
        _case("W not divisible by P raises ValueError", "edge", np.zeros((2, 1, 8, 6)), 4,
              raises="ValueError"),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return [rng.random((n, 3, 224, 224), dtype=np.float32), 16], {}
