import numpy as np
import torch


def focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="mean"):
    if reduction not in ("none", "mean", "sum"):
        raise ValueError("reduction must be 'none', 'mean' or 'sum'")
    x, t = logits.detach().numpy(), targets.detach().numpy()
    ce = np.logaddexp(0, -x) * t + np.logaddexp(0, x) * (1 - t)
    p = 1 / (1 + np.exp(-x))
    p_t = p * t + (1 - p) * (1 - t)
    loss = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        loss = (alpha * t + (1 - alpha) * (1 - t)) * loss
    out = {"mean": loss.mean(), "sum": loss.sum()}.get(reduction, loss)
    return torch.as_tensor(out, dtype=logits.dtype)
