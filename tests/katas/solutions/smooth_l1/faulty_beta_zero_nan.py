import torch


def smooth_l1(input, target, beta=1.0, reduction="mean"):
    if reduction not in ("none", "mean", "sum") or beta < 0:
        raise ValueError("bad reduction or beta")
    x = input - target
    # no special case for beta = 0: the discarded branch divides by zero
    loss = torch.where(x.abs() < beta, 0.5 * x * x / beta, x.abs() - 0.5 * beta)
    return {"mean": loss.mean, "sum": loss.sum}.get(reduction, lambda: loss)()
