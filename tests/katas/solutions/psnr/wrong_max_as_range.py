import numpy as np


def psnr(x, y, data_range):
    """Estimates the peak from the image."""
    if data_range <= 0:
        raise ValueError("data_range must be positive")
    if x.shape != y.shape:
        raise ValueError("x and y must have the same shape")
    mse = np.mean((x.astype(float) - y.astype(float)) ** 2)
    if mse == 0:
        return np.inf
    return 10 * np.log10(float(x.max()) ** 2 / mse)
