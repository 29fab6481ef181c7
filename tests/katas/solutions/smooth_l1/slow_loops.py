import torch


def smooth_l1(input, target, beta=1.0, reduction="mean"):
    if reduction not in ("none", "mean", "sum"):
        raise ValueError("reduction must be 'none', 'mean' or 'sum'")
    if beta < 0:
        raise ValueError("beta must be >= 0")
    flat = (input - target).reshape(-1)
    parts = []
    for k in range(flat.numel()):  # one element at a time
        x = flat[k]
        if beta > 0 and abs(float(x)) < beta:
            parts.append(0.5 * x * x / beta)
        else:
            parts.append(x.abs() - 0.5 * beta)
    loss = torch.stack(parts).reshape(input.shape) if parts else (input - target).abs()
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
