import torch


def smooth_l1(input, target, beta=1.0, reduction="mean"):
    if reduction not in ("none", "mean", "sum") or beta < 0:
        raise ValueError("bad reduction or beta")
    x = input - target
    loss = torch.where(x.abs() < 1, 0.5 * x * x, x.abs() - 0.5)  # the textbook beta = 1 formula
    return {"mean": loss.mean, "sum": loss.sum}.get(reduction, lambda: loss)()
