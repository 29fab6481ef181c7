import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def median_filter(image, k):
    """Accepts any k >= 1 (an even k has no centre pixel)."""
    if k < 1:
        raise ValueError("k must be >= 1")
    p = np.pad(image, k // 2, mode="reflect")
    return np.median(sliding_window_view(p, (k, k)), axis=(-2, -1))[: image.shape[0], : image.shape[1]]
