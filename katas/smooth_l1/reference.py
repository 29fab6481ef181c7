"""Hidden reference for the `smooth_l1` kata, as torch.nn.functional.smooth_l1_loss."""

from __future__ import annotations

import torch

REDUCTIONS = ("none", "mean", "sum")


def smooth_l1_torch(
    input: torch.Tensor,
    target: torch.Tensor,
    beta: float = 1.0,
    reduction: str = "mean",
) -> torch.Tensor:
    """Smooth L1 loss (Fast R-CNN), quadratic below ``beta`` and linear above it.

    Args:
        input (Tensor[*]): predictions, any shape.
        target (Tensor[*]): targets, the same shape.
        beta (float): >= 0, where the loss switches from quadratic to linear.
            ``beta = 0`` is the plain L1 loss |input - target|.
        reduction (str): 'none' (Tensor[*]), 'mean' or 'sum' (scalars).

    Returns:
        Tensor: ``0.5 * x**2 / beta`` where ``|x| < beta``, else ``|x| - 0.5 * beta``, with
        ``x = input - target``, reduced as asked. The gradient is ``x / beta`` inside and
        ``sign(x)`` outside (continuous at ``|x| = beta``).
    """
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {', '.join(REDUCTIONS)}, got {reduction!r}")
    if beta < 0:
        raise ValueError(f"beta must be >= 0, got {beta}")
    x = input - target  # [*]
    abs_x = x.abs()
    if beta == 0:
        loss = abs_x  # plain L1; never divide by beta = 0 (a NaN gradient would leak)
    else:
        loss = torch.where(abs_x < beta, 0.5 * x * x / beta, abs_x - 0.5 * beta)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
