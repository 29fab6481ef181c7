import torch


def dropout(x, p=0.5, training=True, generator=None):
    """Classic dropout from the 2014 paper: drop in training, scale at test time."""
    if p < 0 or p > 1:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x * (1 - p)
    keep = (torch.rand(x.shape, generator=generator, dtype=x.dtype) >= p).to(x.dtype)
    return x * keep
