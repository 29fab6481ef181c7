"""Hidden reference for the `psnr` kata (NumPy): peak signal-to-noise ratio in dB."""

from __future__ import annotations

import math

import numpy as np


def psnr_numpy(x: np.ndarray, y: np.ndarray, data_range: float) -> float:
    """PSNR = 10 log10(data_range^2 / MSE), MSE the mean over all elements.

    Args:
        x (ndarray[...]): an image (any shape, any real dtype, e.g. uint8).
        y (ndarray[...]): same shape as `x`.
        data_range (float): the largest possible value minus the smallest, > 0
            (255 for uint8, 1.0 for floats in [0, 1]); never estimated from the data.

    Returns:
        float: PSNR in dB; ``math.inf`` when the images are identical (MSE = 0).

    Raises:
        ValueError: data_range <= 0, shapes differ, or the images are empty.
    """
    if not data_range > 0:
        raise ValueError(f"data_range must be > 0, got {data_range!r}")
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape, got {x.shape} and {y.shape}")
    if x.size == 0:
        raise ValueError("the images are empty")
    diff = x.astype(np.float64) - y.astype(np.float64)  # no uint8 wrap-around
    mse = float(np.mean(diff * diff))
    if mse == 0.0:
        return math.inf
    return 10.0 * math.log10(float(data_range) ** 2 / mse)
