import numpy as np


def unpatchify(patches, patch_size, height, width):
    p = patch_size
    b, n, k = patches.shape
    if height % p or width % p or n != (height // p) * (width // p) or k % (p * p):
        raise ValueError("inconsistent sizes")
    c = k // (p * p)
    x = patches.reshape(b, height // p, width // p, p, p, c)
    x = np.einsum("nhwqpc->nchpwq", x)  # as MAE's unpatchify
    return x.reshape(b, c, height, width)
