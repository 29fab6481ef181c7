import torch


def dropout(x, p=0.5, training=True, generator=None):
    if p < 0 or p > 1:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x
    if p == 1:
        return x * 0
    mask = (torch.rand(x.shape[-1], generator=generator) >= p).to(x.dtype)  # one mask, broadcast
    return x * mask / (1 - p)
