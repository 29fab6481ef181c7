"""Hidden reference for the `giou_loss` kata (PyTorch), as torchvision.ops.generalized_box_iou_loss."""

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


def giou_loss_torch(pred: torch.Tensor, target: torch.Tensor, reduction: str = "mean",
                    eps: float = 1e-7) -> torch.Tensor:
    """Generalized IoU loss (Rezatofighi et al., arXiv:1902.09630) of matching box pairs.

    Args:
        pred (Tensor[N, 4]): predicted boxes (x1, y1, x2, y2), continuous coordinates.
        target (Tensor[N, 4]): target boxes, row i pairs with pred[i].
        reduction (str): 'none' (Tensor[N]), 'mean' or 'sum' (scalars; the mean of N = 0 is 0).
        eps (float): added to the two denominators (union and enclosing area).

    Returns:
        Tensor: 1 - IoU + (|C| - |A u B|) / |C|, C the smallest box enclosing both, in [0, 2).
        Finite, with finite gradients, for identical, disjoint and zero-size boxes.
    """
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {', '.join(REDUCTIONS)}, got {reduction!r}")
    inter, union = _inter_union(pred, target)  # [N] each
    iou = inter / (union + eps)
    x1, y1, x2, y2 = pred.unbind(-1)
    x1g, y1g, x2g, y2g = target.unbind(-1)
    # smallest enclosing box: min of the top-left corners, max of the bottom-right ones
    area_c = ((torch.maximum(x2, x2g) - torch.minimum(x1, x1g))
              * (torch.maximum(y2, y2g) - torch.minimum(y1, y1g)))  # [N]
    loss = 1 - iou + (area_c - union) / (area_c + eps)
    return _reduce(loss, reduction)
