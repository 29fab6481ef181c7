import numpy as np


def sobel(gray):
    """The seed's sobel_filter with the bugs fixed, still one np.sum per pixel."""
    h, w = gray.shape
    kx = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    ky = kx.T
    p = np.zeros((h + 2, w + 2))
    p[1:-1, 1:-1] = gray
    out = np.zeros((2, h, w))
    for y in range(h):
        for x in range(w):
            win = p[y:y + 3, x:x + 3]
            out[0, y, x] = np.sum(kx * win)
            out[1, y, x] = np.sum(ky * win)
    return out
