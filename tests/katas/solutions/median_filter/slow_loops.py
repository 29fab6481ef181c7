import numpy as np


def median_filter(image, k):
    if k < 1 or k % 2 != 1:
        raise ValueError("k must be odd and >= 1")
    r = k // 2
    h, w = image.shape
    p = np.pad(image, r, mode="reflect")
    out = np.empty_like(image)
    for i in range(h):
        for j in range(w):
            out[i, j] = np.median(p[i:i + k, j:j + k])
    return out
