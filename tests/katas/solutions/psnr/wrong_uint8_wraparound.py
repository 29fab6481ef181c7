import numpy as np


def psnr(x, y, data_range):
    """Subtracts in the input dtype: uint8 wraps around."""
    if data_range <= 0:
        raise ValueError("data_range must be positive")
    if x.shape != y.shape:
        raise ValueError("x and y must have the same shape")
    mse = np.mean((x - y) ** 2)
    if mse == 0:
        return np.inf
    return 10 * np.log10(data_range ** 2 / mse)
