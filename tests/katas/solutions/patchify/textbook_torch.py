import torch


def patchify(images, patch_size):
    b, c, h, w = images.shape
    p = patch_size
    if h % p or w % p:
        raise ValueError(f"{h}x{w} not divisible by {p}")
    x = images.unfold(2, p, p).unfold(3, p, p)  # b, c, h/p, w/p, p, p
    x = x.permute(0, 2, 3, 4, 5, 1)
    return x.reshape(b, -1, p * p * c)
