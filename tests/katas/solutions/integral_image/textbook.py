import numpy as np


def integral_image(img):
    img = np.asarray(img)
    acc = np.float64 if np.issubdtype(img.dtype, np.floating) else np.int64
    s = img.astype(acc).cumsum(axis=0).cumsum(axis=1)
    return np.pad(s, ((1, 0), (1, 0)))
