import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def median_filter(image, k):
    """np.median over every k x k window (a view of the reflected image)."""
    if k < 1 or k % 2 != 1:
        raise ValueError("k must be odd and >= 1")
    padded = np.pad(image, k // 2, mode="edge")
    windows = sliding_window_view(padded, (k, k))  # (H, W, k, k)
    return np.median(windows, axis=(-2, -1))
