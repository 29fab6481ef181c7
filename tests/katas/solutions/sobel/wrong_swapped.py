import numpy as np


def sobel(gray):
    """(G_y, G_x) instead of (G_x, G_y): the vertical-edge kernel is G_x."""
    p = np.pad(np.asarray(gray, dtype=np.float64), 1)
    rows = p[:-2] + 2 * p[1:-1] + p[2:]
    cols = p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:]
    gx = rows[:, 2:] - rows[:, :-2]
    gy = cols[2:] - cols[:-2]
    return np.stack([gy, gx])
