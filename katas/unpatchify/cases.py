"""Cases, known mistakes and timing inputs for the `unpatchify` kata (NumPy only)."""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "numpy"


def _unpatchify(x, p, h, w, order="pqc", col_major=False, channels_last=False):
    b, n, k = x.shape
    c = k // (p * p)
    gh, gw = h // p, w // p
    inner = {"pqc": (p, p, c), "cpq": (c, p, p), "qpc": (p, p, c)}[order]
    grid = (gw, gh) if col_major else (gh, gw)
    y = x.reshape(b, *grid, *inner)
    if col_major:
        y = y.swapaxes(1, 2)  # [B, h, w, ...]
    if order == "cpq":
        y = y.transpose(0, 3, 1, 4, 2, 5)  # [B, C, h, p, w, q]
    elif order == "qpc":
        y = y.transpose(0, 5, 1, 4, 2, 3)
    else:
        y = y.transpose(0, 5, 1, 3, 2, 4)
    img = y.reshape(b, c, h, w)
    return img.transpose(0, 2, 3, 1) if channels_last else img


MISTAKES = [
    ("cpq-order", "each patch read in (channel, row, column) order; patchify flattens it in "
     "(row, column, channel) order (channels last)", lambda x, p, h, w: _unpatchify(x, p, h, w, "cpq")),
    ("qpc-order", "rows and columns inside a patch are swapped: it is flattened (row, column, "
     "channel)", lambda x, p, h, w: _unpatchify(x, p, h, w, "qpc")),
    ("transposed-grid", "patches placed in column-major order; they go along each row of "
     "patches first (row-major)", lambda x, p, h, w: _unpatchify(x, p, h, w, col_major=True)),
    ("channels-last", "the output is (B, H, W, C); it should be (B, C, H, W)",
     lambda x, p, h, w: _unpatchify(x, p, h, w, channels_last=True)),
    ("plain-reshape", "a plain reshape to (B, C, H, W) without transposing the axes scatters "
     "the pixels", lambda x, p, h, w: x.reshape(x.shape[0], -1, h, w)),
]


def _patchify(images, p):
    b, c, h, w = images.shape
    y = images.reshape(b, c, h // p, p, w // p, p).transpose(0, 2, 4, 3, 5, 1)
    return y.reshape(b, (h // p) * (w // p), p * p * c)


def _case(name, kind, images, p, dtype=np.float64, **extra) -> dict:
    images = np.asarray(images, dtype=dtype)
    _, _, h, w = images.shape
    return {"name": name, "kind": kind, "args": [_patchify(images, p), int(p), h, w],
            "kwargs": {}, **extra}


def _raw(name, patches, p, h, w) -> dict:
    return {"name": name, "kind": "edge", "args": [np.asarray(patches, dtype=np.float64), p, h, w],
            "kwargs": {}, "raises": "ValueError"}


def public_cases() -> list[dict]:
    img = np.arange(2 * 4 * 4, dtype=np.float64).reshape(1, 2, 4, 4)
    return [_case("the patchify example back: 1 x 4 x 8 patches, P = 2, H = W = 4", "public", img, 2)]


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
        _case("tall image (H = 4 W)", "edge", rng.normal(0, 1, (1, 3, 12, 3)), 3),
        _raw("H not divisible by P raises ValueError", np.zeros((1, 6, 48)), 4, 10, 8),
        _raw("L != (H/P) * (W/P) raises ValueError", np.zeros((1, 5, 12)), 2, 4, 4),
        _raw("patch length not a multiple of P*P raises ValueError", np.zeros((1, 4, 10)), 2, 4, 4),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    images = rng.random((n, 3, 224, 224), dtype=np.float32)
    return [np.ascontiguousarray(_patchify(images, 16)), 16, 224, 224], {}
