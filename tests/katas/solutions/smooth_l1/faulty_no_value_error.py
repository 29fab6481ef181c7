import torch


def smooth_l1(input, target, beta=1.0, reduction="mean"):
    x = input - target
    if beta == 0:
        loss = x.abs()
    else:
        loss = torch.where(x.abs() < beta, 0.5 * x * x / beta, x.abs() - 0.5 * beta)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss  # any unknown reduction silently means 'none'
