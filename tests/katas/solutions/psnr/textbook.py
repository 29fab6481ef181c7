import numpy as np


def psnr(x, y, data_range):
    if data_range <= 0:
        raise ValueError("data_range must be positive")
    if x.shape != y.shape:
        raise ValueError("x and y must have the same shape")
    mse = np.mean((np.asarray(x, dtype=np.float64) - np.asarray(y, dtype=np.float64)) ** 2)
    if mse == 0:
        return float("inf")
    return 20 * np.log10(data_range) - 10 * np.log10(mse)
