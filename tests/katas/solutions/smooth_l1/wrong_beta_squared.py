import torch


def smooth_l1(input, target, beta=1.0, reduction="mean"):
    if reduction not in ("none", "mean", "sum"):
        raise ValueError("reduction must be 'none', 'mean' or 'sum'")
    if beta < 0:
        raise ValueError("beta must be >= 0")
    diff = input - target
    abs_x = diff.abs()
    if beta == 0:
        loss = abs_x
    else:
        loss = torch.where(abs_x < beta, 0.5 * (diff / beta) ** 2, abs_x - 0.5 * beta)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
