"""Kata `integral_image`: a summed-area table with a zero first row and column, in NumPy.

Check it with `prep kata integral_image`.
"""

import numpy as np


def integral_image(img: np.ndarray) -> np.ndarray:
    """img (H, W) -> S (H + 1, W + 1) with S[i, j] = img[:i, :j].sum(); S[0, :] = S[:, 0] = 0.

    Integer (or bool) input -> int64, exact (a uint8 accumulator wraps around at 256);
    float input -> float64. No Python loop over pixels.
    """
    raise NotImplementedError("write integral_image() here")
