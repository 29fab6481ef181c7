"""Hidden reference for the `conv2d` kata (NumPy): a vectorised 2-D convolution layer, like
torch.nn.functional.conv2d (cross-correlation, zero padding), via im2col windows + one tensordot."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _pair(v: Any, name: str, minimum: int) -> tuple[int, int]:
    """An int or a sequence of two ints -> (vertical, horizontal)."""
    if isinstance(v, (int, np.integer)):
        a = b = int(v)
    else:
        try:
            a, b = (int(t) for t in v)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be an int or a pair of ints, got {v!r}") from None
    if a < minimum or b < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {v!r}")
    return a, b


def conv2d_numpy(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None,
                 stride: Any = 1, padding: Any = 0) -> np.ndarray:
    """2-D convolution as in deep learning: cross-correlation (the kernel is not flipped).

    Args:
        x (ndarray[N, C_in, H, W]): input batch.
        weight (ndarray[C_out, C_in, kh, kw]): filters.
        bias (ndarray[C_out] or None): added to every output position of its channel.
        stride (int or (sh, sw)): step of the window, >= 1.
        padding (int or (ph, pw)): zeros added on *both* sides of each spatial axis, >= 0.

    Returns:
        ndarray[N, C_out, H_out, W_out] with H_out = (H + 2 ph - kh) // sh + 1 (same for W):
        out[n, o, i, j] = bias[o] + sum_{c, a, b} weight[o, c, a, b] * xp[n, c, i sh + a, j sw + b]
        where xp is x zero-padded.

    Raises:
        ValueError: C_in of x and weight differ, the bias is not (C_out,), stride < 1,
            padding < 0, or the kernel is larger than the padded input (empty output).
    """
    if x.ndim != 4 or weight.ndim != 4:
        raise ValueError(f"x must be (N, C_in, H, W) and weight (C_out, C_in, kh, kw), got "
                         f"{x.shape} and {weight.shape}")
    n, c_in, h, w = x.shape
    c_out, c_w, kh, kw = weight.shape
    if c_w != c_in:
        raise ValueError(f"x has {c_in} channels but weight expects {c_w}")
    if bias is not None and np.shape(bias) != (c_out,):
        raise ValueError(f"bias must have shape ({c_out},), got {np.shape(bias)}")
    sh, sw = _pair(stride, "stride", 1)
    ph, pw = _pair(padding, "padding", 0)
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (w + 2 * pw - kw) // sw + 1
    if h + 2 * ph < kh or w + 2 * pw < kw or kh < 1 or kw < 1:
        raise ValueError(f"kernel {kh}x{kw} is larger than the padded input "
                         f"{h + 2 * ph}x{w + 2 * pw}: the output would be empty")
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))  # [N, C_in, H + 2ph, W + 2pw]
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))  # [N, C_in, H', W', kh, kw] (a view)
    win = win[:, :, ::sh, ::sw][:, :, :h_out, :w_out]  # [N, C_in, H_out, W_out, kh, kw]
    out = np.tensordot(win, weight, axes=([1, 4, 5], [1, 2, 3]))  # [N, H_out, W_out, C_out]
    if bias is not None:
        out = out + bias
    return np.ascontiguousarray(out.transpose(0, 3, 1, 2))  # [N, C_out, H_out, W_out]
