import numpy as np


def integral_image(img):
    """Inclusive table of shape (H, W), no zero row/column."""
    acc = np.float64 if img.dtype.kind == "f" else np.int64
    return img.astype(acc).cumsum(axis=0).cumsum(axis=1)
