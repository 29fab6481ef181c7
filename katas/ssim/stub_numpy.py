"""Kata `ssim`: mean SSIM with an 11x11 Gaussian window (sigma 1.5), in NumPy.

Check it with `prep kata ssim`.
"""

import numpy as np


def ssim(x: np.ndarray, y: np.ndarray, data_range: float) -> float:
    """x, y (H, W) -> mean SSIM over the positions where the 11x11 window fits (no padding).

    Gaussian weights exp(-t^2 / 4.5) for t = -5..5 (sigma 1.5), outer product, summing to 1;
    population (weighted) variances and covariance; C1 = (0.01 * data_range)**2,
    C2 = (0.03 * data_range)**2. Raise ValueError when the shapes differ, the images are not
    2-D or smaller than 11 x 11, or data_range <= 0.
    """
    raise NotImplementedError("write ssim() here")
