import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def median_filter(image, k):
    """The window starts at the pixel instead of being centred on it (all padding after)."""
    if k < 1 or k % 2 != 1:
        raise ValueError("k must be odd and >= 1")
    p = np.pad(image, ((0, k - 1), (0, k - 1)), mode="reflect")
    return np.median(sliding_window_view(p, (k, k)), axis=(-2, -1))
