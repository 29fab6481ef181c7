import torch
import torch.nn.functional as F


def focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="mean"):
    if reduction not in ("none", "mean", "sum"):
        raise ValueError("reduction must be 'none', 'mean' or 'sum'")
    flat_x = logits.reshape(-1)
    flat_t = targets.reshape(-1)
    parts = []
    for k in range(flat_x.numel()):  # one element at a time
        x, t = flat_x[k], flat_t[k]
        p = torch.sigmoid(x)
        ce = F.softplus(-x) * t + F.softplus(x) * (1 - t)
        p_t = p * t + (1 - p) * (1 - t)
        v = ce * (1 - p_t) ** gamma
        if alpha >= 0:
            v = v * (alpha * t + (1 - alpha) * (1 - t))
        parts.append(v)
    loss = torch.stack(parts).reshape(logits.shape) if parts else logits * 0
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
