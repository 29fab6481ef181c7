import numpy as np


def patchify(images, patch_size):
    b, c, h, w = images.shape
    p = patch_size
    if h % p != 0 or w % p != 0:
        raise ValueError("image size must be divisible by the patch size")
    x = images.reshape(b, c, h // p, p, w // p, p)
    x = np.einsum("nchpwq->nhwpqc", x)
    return x.reshape(b, (h // p) * (w // p), p * p * c).transpose(0, 2, 1)
