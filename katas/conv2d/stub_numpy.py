"""Kata `conv2d`: a vectorised 2-D convolution layer (cross-correlation, zero padding), in NumPy.

Check it with `prep kata conv2d`.
"""

import numpy as np


def conv2d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None,
           stride=1, padding=0) -> np.ndarray:
    """x (N, C_in, H, W), weight (C_out, C_in, kh, kw), bias (C_out,) or None -> (N, C_out, H_out, W_out).

    Cross-correlation (no kernel flip), zero padding on both sides; stride and padding are an int
    or a pair (vertical, horizontal). H_out = (H + 2 * ph - kh) // sh + 1. Raise ValueError when
    the channels do not match or the output would be empty. No Python loop over output pixels.
    """
    raise NotImplementedError("write conv2d() here")
