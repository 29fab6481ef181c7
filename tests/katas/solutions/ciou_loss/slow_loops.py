import math

import torch


def ciou_loss(pred, target, reduction="mean", eps=1e-7):
    if reduction not in ("none", "mean", "sum"):
        raise ValueError("reduction must be 'none', 'mean' or 'sum'")
    parts = []
    for i in range(pred.shape[0]):  # one pair at a time
        x1, y1, x2, y2 = pred[i]
        a1, b1, a2, b2 = target[i]
        inter = torch.clamp(torch.min(x2, a2) - torch.max(x1, a1), min=0) * torch.clamp(
            torch.min(y2, b2) - torch.max(y1, b1), min=0)
        union = (x2 - x1) * (y2 - y1) + (a2 - a1) * (b2 - b1) - inter
        iou = inter / (union + eps)
        cw = torch.max(x2, a2) - torch.min(x1, a1)
        ch = torch.max(y2, b2) - torch.min(y1, b1)
        rho2 = ((x1 + x2 - a1 - a2) / 2) ** 2 + ((y1 + y2 - b1 - b2) / 2) ** 2
        v = 4 / math.pi ** 2 * (torch.atan((a2 - a1) / (b2 - b1 + eps))
                                - torch.atan((x2 - x1) / (y2 - y1 + eps))) ** 2
        with torch.no_grad():
            alpha = v / (1 - iou + v + eps)
        loss = 1 - iou + rho2 / (cw ** 2 + ch ** 2 + eps) + alpha * v
        parts.append(loss)
    loss = torch.stack(parts) if parts else pred.sum(dim=-1) * 0
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.mean() if loss.numel() > 0 else 0.0 * loss.sum()
