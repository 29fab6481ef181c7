import numpy as np


def sobel(gray):
    """Returns the gradient magnitude sqrt(Gx^2 + Gy^2), not the two components."""
    p = np.pad(np.asarray(gray, dtype=np.float64), 1)
    rows = p[:-2] + 2 * p[1:-1] + p[2:]
    cols = p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:]
    return np.hypot(rows[:, 2:] - rows[:, :-2], cols[2:] - cols[:-2])
