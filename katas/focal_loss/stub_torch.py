"""Kata `focal_loss`: the RetinaNet sigmoid focal loss, in PyTorch.

Check it with `prep kata focal_loss`.
"""

import torch
import torch.nn.functional as F  # noqa: F401


def focal_loss(
    logits: torch.Tensor,
    targets: torch.Tensor,
    alpha: float = 0.25,
    gamma: float = 2.0,
    reduction: str = "mean",
) -> torch.Tensor:
    """Element-wise sigmoid focal loss over any shape; reduction 'none', 'mean' or 'sum'.

    alpha < 0 disables the alpha weighting. Must backpropagate and stay finite for |logits| <= 100.
    """
    raise NotImplementedError("write focal_loss() here")
