import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def sobel(gray):
    """Kernels written as [[1, 0, -1], ...] (the seed's): the signs are flipped."""
    kx = np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])
    win = sliding_window_view(np.pad(gray.astype(np.float64), 1), (3, 3))
    return np.einsum("hwab,kab->khw", win, np.stack([kx, kx.T]))
