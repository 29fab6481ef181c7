"""Hidden reference for the `diou_loss` kata (PyTorch), as torchvision.ops.distance_box_iou_loss."""

from __future__ import annotations

import torch

REDUCTIONS = ("none", "mean", "sum")


def _reduce(loss: torch.Tensor, reduction: str) -> torch.Tensor:
    if reduction == "mean":
        return loss.mean() if loss.numel() > 0 else 0.0 * loss.sum()  # empty: 0, not NaN
    if reduction == "sum":
        return loss.sum()
    return loss


def _inter_union(pred: torch.Tensor, target: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Intersection and union areas of matching rows, [N] each."""
    x1, y1, x2, y2 = pred.unbind(-1)  # [N] each
    x1g, y1g, x2g, y2g = target.unbind(-1)
    w = (torch.minimum(x2, x2g) - torch.maximum(x1, x1g)).clamp(min=0)  # [N]
    h = (torch.minimum(y2, y2g) - torch.maximum(y1, y1g)).clamp(min=0)  # [N]
    inter = w * h
    union = (x2 - x1) * (y2 - y1) + (x2g - x1g) * (y2g - y1g) - inter
    return inter, union


def diou_loss_torch(pred: torch.Tensor, target: torch.Tensor, reduction: str = "mean",
                    eps: float = 1e-7) -> torch.Tensor:
    """Distance-IoU loss (Zheng et al., arXiv:1911.08287) of matching box pairs.

    Args:
        pred (Tensor[N, 4]): predicted boxes (x1, y1, x2, y2), continuous coordinates.
        target (Tensor[N, 4]): target boxes, row i pairs with pred[i].
        reduction (str): 'none' (Tensor[N]), 'mean' or 'sum' (scalars; the mean of N = 0 is 0).
        eps (float): added to the union and to the squared diagonal c^2.

    Returns:
        Tensor: 1 - IoU + rho^2 / c^2, rho the distance between the box centres, c the diagonal
        of the smallest enclosing box. Finite, with finite gradients, for identical, disjoint
        and zero-size boxes.
    """
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {', '.join(REDUCTIONS)}, got {reduction!r}")
    inter, union = _inter_union(pred, target)  # [N] each
    iou = inter / (union + eps)
    x1, y1, x2, y2 = pred.unbind(-1)
    x1g, y1g, x2g, y2g = target.unbind(-1)
    cw = torch.maximum(x2, x2g) - torch.minimum(x1, x1g)  # [N], enclosing box width
    ch = torch.maximum(y2, y2g) - torch.minimum(y1, y1g)
    c2 = cw ** 2 + ch ** 2 + eps  # squared diagonal
    rho2 = ((x1 + x2 - x1g - x2g) ** 2 + (y1 + y2 - y1g - y2g) ** 2) / 4  # squared centre distance
    loss = 1 - iou + rho2 / c2
    return _reduce(loss, reduction)
