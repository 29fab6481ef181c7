import torch


def dropout(x, p=0.5, training=True, generator=None):
    if p < 0 or p > 1:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x
    if p == 1:
        return x * 0
    flat = x.reshape(-1)
    parts = []
    for k in range(flat.numel()):  # one element, one random number at a time
        u = torch.rand((), generator=generator).item()
        parts.append(flat[k] / (1 - p) if u >= p else flat[k] * 0)
    return torch.stack(parts).reshape(x.shape) if parts else x * 1
