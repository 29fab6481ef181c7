import numpy as np


def unpatchify(patches, patch_size, height, width):
    p = patch_size
    b, n, k = patches.shape
    if height % p or width % p or n != (height // p) * (width // p) or k % (p * p):
        raise ValueError("inconsistent sizes")
    c = k // (p * p)
    gw = width // p
    out = np.empty((b, c, height, width), dtype=patches.dtype)
    for m in range(b):  # pixel by pixel
        for idx in range(n):
            i, j = divmod(idx, gw)
            kk = 0
            for r in range(p):
                for q in range(p):
                    out[m, :, i * p + r, j * p + q] = patches[m, idx, kk:kk + c]
                    kk += c
    return out
