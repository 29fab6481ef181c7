import numpy as np


def psnr(x, y, data_range):
    """20 * log10 of R / MSE (the 20 belongs to the RMSE form)."""
    if data_range <= 0:
        raise ValueError("data_range must be positive")
    if x.shape != y.shape:
        raise ValueError("x and y must have the same shape")
    mse = np.mean((x.astype(float) - y.astype(float)) ** 2)
    if mse == 0:
        return np.inf
    return 20 * np.log10(data_range / mse)
