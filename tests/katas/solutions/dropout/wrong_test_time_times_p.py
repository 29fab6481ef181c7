import torch


def dropout(x, p=0.5, training=True, generator=None):
    """The seed's rule: drop in training, multiply by p at test time."""
    if p < 0 or p > 1:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x * p
    mask = (torch.rand(x.shape, generator=generator) >= p).to(x.dtype)
    return x * mask
