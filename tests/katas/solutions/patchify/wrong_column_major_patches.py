import numpy as np


def patchify(images, patch_size):
    b, c, h, w = images.shape
    p = patch_size
    if h % p or w % p:
        raise ValueError("image size not divisible by the patch size")
    x = images.reshape(b, c, h // p, p, w // p, p)
    x = x.transpose(0, 4, 2, 3, 5, 1)
    return x.reshape(b, (h // p) * (w // p), p * p * c)
