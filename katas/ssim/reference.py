"""Hidden reference for the `ssim` kata (NumPy): mean SSIM with an 11x11 Gaussian window (sigma 1.5),
as skimage.metrics.structural_similarity(gaussian_weights=True, sigma=1.5,
use_sample_covariance=False, data_range=R) computes it (Wang et al. 2004)."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

K1, K2 = 0.01, 0.03
SIGMA, RADIUS = 1.5, 5  # radius = int(3.5 * sigma + 0.5), scipy's truncate=3.5 as in skimage
WIN = 2 * RADIUS + 1  # 11


def gaussian_kernel_1d(sigma: float = SIGMA, radius: int = RADIUS) -> np.ndarray:
    """(2 radius + 1,) weights exp(-t^2 / (2 sigma^2)), t = -radius..radius, summing to 1."""
    t = np.arange(-radius, radius + 1, dtype=np.float64)
    g = np.exp(-0.5 * (t / sigma) ** 2)
    return g / g.sum()


def _filter_valid(maps: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Separable weighted window mean over the positions where the window fits.

    maps [..., H, W] -> [..., H - 10, W - 10]; the 2-D window is the outer product g g^T.
    """
    rows = sliding_window_view(maps, g.size, axis=-2) @ g  # [..., H - 10, W]
    return sliding_window_view(rows, g.size, axis=-1) @ g  # [..., H - 10, W - 10]


def ssim_numpy(x: np.ndarray, y: np.ndarray, data_range: float) -> float:
    """Mean structural similarity of two grayscale images.

    At every position where the 11x11 window fits entirely inside the image (no padding),
    with Gaussian weights w (sigma 1.5, summing to 1):
    mu_x = sum w x, sigma_x^2 = sum w x^2 - mu_x^2 (population, weights sum to 1),
    sigma_xy = sum w x y - mu_x mu_y, and
    SSIM = (2 mu_x mu_y + C1)(2 sigma_xy + C2) / ((mu_x^2 + mu_y^2 + C1)(sigma_x^2 + sigma_y^2 + C2)),
    C1 = (0.01 R)^2, C2 = (0.03 R)^2. The result is the mean over those (H - 10)(W - 10) positions.

    Args:
        x (ndarray[H, W]): any real dtype, used as float64 (no rescaling); H, W >= 11.
        y (ndarray[H, W]): same shape.
        data_range (float): R, the signal's full range (255 for uint8, 1.0 for [0, 1]), > 0.

    Returns:
        float: the mean SSIM, in [-1, 1]; 1.0 for identical images.

    Raises:
        ValueError: not 2-D, shapes differ, H or W < 11, or data_range <= 0.
    """
    if not data_range > 0:
        raise ValueError(f"data_range must be > 0, got {data_range!r}")
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape, got {x.shape} and {y.shape}")
    if x.ndim != 2:
        raise ValueError(f"x and y must be 2-D grayscale images, got shape {x.shape}")
    if min(x.shape) < WIN:
        raise ValueError(f"images must be at least {WIN}x{WIN} for the {WIN}x{WIN} window, "
                         f"got {x.shape}")
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    maps = np.stack([x, y, x * x, y * y, x * y])  # [5, H, W]
    mx, my, mxx, myy, mxy = _filter_valid(maps, gaussian_kernel_1d())  # each [H-10, W-10]
    vx = mxx - mx * mx
    vy = myy - my * my
    vxy = mxy - mx * my
    c1 = (K1 * data_range) ** 2
    c2 = (K2 * data_range) ** 2
    s = ((2 * mx * my + c1) * (2 * vxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
    return float(s.mean())
