import numpy as np


def integral_image(img):
    """A float64 table for integer input (inexact beyond 2**53, and not the contract)."""
    s = img.astype(np.float64).cumsum(0).cumsum(1)
    return np.pad(s, ((1, 0), (1, 0)))
