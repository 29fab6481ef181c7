import numpy as np


def ssim(x, y, data_range):
    """Correct, one window at a time."""
    if data_range <= 0:
        raise ValueError("data_range must be positive")
    if x.shape != y.shape or x.ndim != 2:
        raise ValueError("x and y must be 2-D images of the same shape")
    h, w = x.shape
    if h < 11 or w < 11:
        raise ValueError("images must be at least 11x11")
    t = np.arange(-5, 6)
    g = np.exp(-(t ** 2) / 4.5)
    win = np.outer(g, g) / np.outer(g, g).sum()
    c1 = (0.01 * data_range) ** 2
    c2 = (0.03 * data_range) ** 2
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    total = 0.0
    for i in range(h - 10):
        for j in range(w - 10):
            a = x[i:i + 11, j:j + 11]
            b = y[i:i + 11, j:j + 11]
            mx, my = np.sum(win * a), np.sum(win * b)
            vx = np.sum(win * (a - mx) ** 2)
            vy = np.sum(win * (b - my) ** 2)
            vxy = np.sum(win * (a - mx) * (b - my))
            total += ((2 * mx * my + c1) * (2 * vxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
    return total / ((h - 10) * (w - 10))
