import numpy as np


def integral_image(img):
    """Only the running sum down the rows."""
    acc = np.float64 if img.dtype.kind == "f" else np.int64
    out = np.zeros((img.shape[0] + 1, img.shape[1] + 1), dtype=acc)
    out[1:, 1:] = np.cumsum(img, axis=0, dtype=acc)
    return out
