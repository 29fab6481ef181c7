"""Hidden reference for the `focal_loss` kata, as torchvision.ops.sigmoid_focal_loss."""

from __future__ import annotations

import torch
import torch.nn.functional as F

REDUCTIONS = ("none", "mean", "sum")


def focal_loss_torch(
    logits: torch.Tensor,
    targets: torch.Tensor,
    alpha: float = 0.25,
    gamma: float = 2.0,
    reduction: str = "mean",
) -> torch.Tensor:
    """Sigmoid focal loss of Lin et al., RetinaNet (arXiv:1708.02002).

    Args:
        logits (Tensor[*]): raw scores, any shape.
        targets (Tensor[*]): same shape, 0/1 (float) labels.
        alpha (float): weight of the positives in (0, 1); negatives get 1 - alpha.
            A negative alpha disables the weighting.
        gamma (float): focusing exponent of the modulating factor (1 - p_t) ** gamma.
        reduction (str): 'none' (Tensor[*]), 'mean' or 'sum' (scalars).

    Returns:
        Tensor: the loss, reduced as asked; finite for |logits| up to 100.
    """
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {', '.join(REDUCTIONS)}, got {reduction!r}")
    p = torch.sigmoid(logits)
    ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")  # -log(p_t)
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
