import torch


def smooth_l1(input, target, beta=1.0, reduction="mean"):
    if reduction not in ("none", "mean", "sum"):
        raise ValueError("reduction must be 'none', 'mean' or 'sum'")
    if beta < 0:
        raise ValueError("beta must be >= 0")
    abs_x = (input - target).abs()
    if beta == 0:
        loss = abs_x
    else:
        # Huber form: c = min(|x|, beta); (0.5 c^2 + beta (|x| - c)) / beta
        c = torch.clamp(abs_x, max=beta)
        loss = 0.5 * c * c / beta + (abs_x - c)
    return loss.mean()
