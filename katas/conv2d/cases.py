"""Cases, known mistakes and timing inputs for the `conv2d` kata (NumPy only)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

MISTAKES_FRAMEWORK = "numpy"


def _pair(v: Any) -> tuple[int, int]:
    if isinstance(v, (int, np.integer)):
        return int(v), int(v)
    a, b = v
    return int(a), int(b)


def _conv(x: np.ndarray, w: np.ndarray, b: np.ndarray | None, stride: Any, padding: Any, *,
          flip: bool = False, plus_one: bool = True, pad_where: str = "both",
          use_bias: bool = True, stride_first: bool = False) -> np.ndarray:
    """A configurable (and possibly wrong) convolution for the diagnosis."""
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    if flip:
        w = w[:, :, ::-1, ::-1]
    if stride_first:
        x, sh, sw = x[:, :, ::sh, ::sw], 1, 1
    n, c, h, wd = x.shape
    kh, kw = w.shape[2:]
    if pad_where == "both":
        xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    else:  # the image copied into the top-left corner of the padded buffer
        xp = np.zeros((n, c, h + 2 * ph, wd + 2 * pw), dtype=x.dtype)
        xp[:, :, :h, :wd] = x
    h_out = (h + 2 * ph - kh) // sh + (1 if plus_one else 0)
    w_out = (wd + 2 * pw - kw) // sw + (1 if plus_one else 0)
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw][:, :, :h_out, :w_out]
    out = np.einsum("ncijab,ocab->noij", win, w)
    if b is not None and use_bias:
        out = out + b[None, :, None, None]
    return out


MISTAKES = [
    ("kernel-flipped", "the kernel is flipped (true convolution, as in signal processing); deep "
     "learning 'convolution' is cross-correlation: multiply window and weight as they are",
     lambda x, w, b, s, p: _conv(x, w, b, s, p, flip=True)),
    ("no-plus-one", "output size without the + 1: H_out = (H + 2p - k) // s + 1, the last row and "
     "column of windows are missing", lambda x, w, b, s, p: _conv(x, w, b, s, p, plus_one=False)),
    ("padding-one-side", "the padding is all on the bottom/right (the image was copied to "
     "xp[:, :, :H, :W]); put it in the middle, xp[:, :, p:p + H, p:p + W]",
     lambda x, w, b, s, p: _conv(x, w, b, s, p, pad_where="end")),
    ("bias-ignored", "the bias is not added (out[:, o] += bias[o])",
     lambda x, w, b, s, p: _conv(x, w, b, s, p, use_bias=False)),
    ("stride-before-padding", "the input is subsampled by the stride before padding and "
     "convolving; the stride moves the window over the padded input instead",
     lambda x, w, b, s, p: _conv(x, w, b, s, p, stride_first=True)),
    ("weight-in-out-swapped", "weight read as (C_in, C_out, kh, kw); Conv2d stores it as "
     "(C_out, C_in, kh, kw): sum over its axis 1 with the input channels",
     lambda x, w, b, s, p: _conv(x, w.transpose(1, 0, 2, 3), b, s, p)),
]


def _case(name: str, kind: str, x: Any, w: Any, b: Any, stride: Any = 1, padding: Any = 0,
          dtype: type = np.float64, **extra: Any) -> dict:
    return {"name": name, "kind": kind,
            "args": [np.asarray(x, dtype=dtype), np.asarray(w, dtype=dtype),
                     None if b is None else np.asarray(b, dtype=dtype), stride, padding],
            "kwargs": {}, **extra}


def public_cases() -> list[dict]:
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    w = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])  # the statement's example kernel
    return [
        _case("a 2x2 kernel on a 4x4 ramp, stride 1, no padding", "public", x, w, None),
        _case("same kernel, bias 0.5, stride 2, padding 1", "public", x, w, [0.5], 2, 1),
    ]


def _rand(rng: np.random.Generator, n: int, ci: int, h: int, w: int, co: int, kh: int,
          kw: int, bias: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    return (rng.normal(0, 1, (n, ci, h, w)), rng.normal(0, 1, (co, ci, kh, kw)),
            rng.normal(0, 1, co) if bias else None)


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    configs = [  # (N, C_in, H, W, C_out, kh, kw, stride, padding)
        # C_in = C_out first: reading the weight as (C_in, C_out, ...) gives a wrong answer (and
        # a name) here before it crashes on the other shapes
        (2, 3, 8, 8, 3, 3, 3, 1, 1), (1, 3, 9, 7, 2, 3, 3, 2, 1), (2, 2, 10, 10, 3, 5, 5, 1, 2),
        (1, 4, 11, 6, 4, 3, 2, [2, 1], [1, 0]), (3, 1, 7, 7, 2, 2, 2, 2, 0),
        (1, 3, 13, 12, 3, 3, 3, 3, [0, 2]), (2, 5, 6, 9, 1, 1, 1, 1, 0),
        (1, 2, 12, 10, 2, 4, 3, [3, 2], [2, 1]),
    ]
    for k, (n, ci, h, w, co, kh, kw, s, p) in enumerate(configs):
        dtype = np.float32 if k % 3 == 2 else np.float64
        x, wt, b = _rand(rng, n, ci, h, w, co, kh, kw)
        cases.append(_case(f"random x {n}x{ci}x{h}x{w}, weight {co}x{ci}x{kh}x{kw}, stride {s}, "
                           f"padding {p} ({np.dtype(dtype).name})", "random", x, wt, b, s, p, dtype))
    x, wt, _ = _rand(rng, 2, 3, 6, 6, 4, 3, 3)
    cases.append(_case("no bias (None)", "random", x, wt, None, 1, 1))
    x, wt, b = _rand(rng, 1, 2, 5, 5, 3, 5, 5)
    bx, bw, bb = _rand(rng, 1, 2, 5, 5, 2, 3, 3)
    cases += [
        _case("kernel = whole image (1x1 output)", "edge", x, wt, b),
        _case("1x1 kernel (a per-pixel linear map)", "edge", *_rand(rng, 2, 3, 4, 5, 2, 1, 1), 1, 0),
        _case("stride larger than the kernel", "edge", *_rand(rng, 1, 2, 9, 9, 2, 2, 2), 4, 0),
        _case("padding larger than the kernel", "edge", *_rand(rng, 1, 1, 3, 3, 1, 2, 2), 1, 3),
        _case("odd size, stride 2: the last column does not fit", "edge",
              *_rand(rng, 1, 2, 8, 8, 2, 3, 3), 2, 0),
        _case("non-square kernel, stride and padding", "edge",
              *_rand(rng, 1, 2, 7, 10, 3, 1, 4), [1, 3], [0, 2]),
        _case("kernel larger than the input but not the padded input", "edge",
              *_rand(rng, 1, 1, 2, 2, 1, 3, 3), 1, 1),
        _case("C_in = C_out (weight layout matters)", "edge", *_rand(rng, 1, 3, 6, 6, 3, 3, 3), 1, 1),
        _case("large values", "edge", bx * 1e6, bw * 1e6, bb, 1, 1),
        _case("channel mismatch raises ValueError", "edge", np.zeros((1, 3, 5, 5)),
              np.zeros((2, 4, 3, 3)), None, raises="ValueError"),
        _case("empty output raises ValueError", "edge", np.zeros((1, 1, 2, 2)),
              np.zeros((1, 1, 3, 3)), None, 1, 0, raises="ValueError"),
        _case("empty output with padding raises ValueError", "edge", np.zeros((1, 1, 3, 1)),
              np.zeros((1, 1, 3, 4)), None, 1, [0, 1], raises="ValueError"),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    """A first layer: n RGB images 64 x 64 -> 16 channels, 3x3 kernels, padding 1."""
    return [rng.random((n, 3, 64, 64), dtype=np.float32),
            rng.normal(0, 0.1, (16, 3, 3, 3)).astype(np.float32),
            rng.normal(0, 0.1, 16).astype(np.float32), 1, 1], {}
