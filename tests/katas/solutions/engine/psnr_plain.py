import numpy as np


def psnr(x, y, data_range):
    """Identical images: mse = 0 and 10 log10(max^2 / 0) = inf, as the contract says."""
    if data_range <= 0:
        raise ValueError("data_range must be positive")
    if x.shape != y.shape:
        raise ValueError("x and y must have the same shape")
    mse = np.mean((np.asarray(x, dtype=np.float64) - np.asarray(y, dtype=np.float64)) ** 2)
    return float(10 * np.log10(data_range**2 / mse))
