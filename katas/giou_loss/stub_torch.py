"""Kata `giou_loss`: the GIoU loss of matching box pairs, in PyTorch.

Check it with `prep kata giou_loss`. Boxes are (x1, y1, x2, y2), continuous coordinates (no +1).
"""

import math  # noqa: F401

import torch


def giou_loss(pred: torch.Tensor, target: torch.Tensor, reduction: str = "mean",
              eps: float = 1e-7) -> torch.Tensor:
    """pred (N, 4), target (N, 4) -> the loss of each pair (reduction 'none', shape (N,)), or
    its 'mean' / 'sum'; anything else raises ValueError. Must backpropagate, finite for
    identical, disjoint and zero-size boxes.
    """
    raise NotImplementedError("write giou_loss() here")
