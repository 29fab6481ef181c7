import numpy as np


def patchify(images, patch_size):
    b, c, h, w = images.shape
    p = patch_size
    if h % p or w % p:
        raise ValueError("not divisible")
    out = np.empty((b, (h // p) * (w // p), p * p * c), dtype=images.dtype)
    for n in range(b):  # pixel by pixel
        for i in range(h // p):
            for j in range(w // p):
                k = 0
                for r in range(p):
                    for q in range(p):
                        out[n, i * (w // p) + j, k:k + c] = images[n, :, i * p + r, j * p + q]
                        k += c
    return out
