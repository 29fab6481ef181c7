import numpy as np


def integral_image(img):
    h, w = img.shape
    acc = np.float64 if img.dtype.kind == "f" else np.int64
    s = np.zeros((h + 1, w + 1), dtype=acc)
    for i in range(h):  # the recurrence, pixel by pixel
        for j in range(w):
            s[i + 1, j + 1] = img[i, j] + s[i, j + 1] + s[i + 1, j] - s[i, j]
    return s
