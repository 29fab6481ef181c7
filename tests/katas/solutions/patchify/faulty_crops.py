import numpy as np


def patchify(images, patch_size):
    b, c, h, w = images.shape
    p = patch_size
    h, w = h // p * p, w // p * p
    x = images[:, :, :h, :w].reshape(b, c, h // p, p, w // p, p)  # silently crops
    x = x.transpose(0, 2, 4, 3, 5, 1)
    return x.reshape(b, (h // p) * (w // p), p * p * c)
