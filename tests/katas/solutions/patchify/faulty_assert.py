import numpy as np


def patchify(images, patch_size):
    b, c, h, w = images.shape
    p = patch_size
    assert h % p == 0 and w % p == 0, "not divisible"
    x = images.reshape(b, c, h // p, p, w // p, p)
    x = x.transpose(0, 2, 4, 3, 5, 1)
    return x.reshape(b, (h // p) * (w // p), p * p * c)
