"""Hidden reference for the `median_filter` kata (NumPy): k x k median, reflected border."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def median_filter_numpy(image: np.ndarray, k: int) -> np.ndarray:
    """Median of the k x k window centred on every pixel.

    The border is handled by reflection about the edge pixel, without repeating it:
    ``np.pad(image, k // 2, mode="reflect")`` (``d c b | a b c d | c b a``; scipy.ndimage's
    mode "mirror", OpenCV's BORDER_REFLECT_101).

    Args:
        image (ndarray[H, W]): real values; ``k // 2 <= min(H, W) - 1`` (one reflection).
        k (int): odd window side, >= 1.

    Returns:
        ndarray[H, W]: same size and dtype as `image`.

    Raises:
        ValueError: k even or < 1.
    """
    if isinstance(k, bool) or int(k) != k or k < 1 or k % 2 == 0:
        raise ValueError(f"k must be an odd integer >= 1, got {k!r}")
    if image.ndim != 2:
        raise ValueError(f"image must be (H, W), got shape {image.shape}")
    k = int(k)
    r = k // 2
    p = np.pad(image, r, mode="reflect")  # [H + 2r, W + 2r]
    win = sliding_window_view(p, (k, k)).reshape(*image.shape, k * k)  # [H, W, k*k] (a copy)
    mid = (k * k) // 2  # k*k is odd: the median is one element, no averaging
    return np.partition(win, mid, axis=-1)[..., mid]  # [H, W]
