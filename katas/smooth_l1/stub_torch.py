"""Kata `smooth_l1`: the smooth L1 regression loss (Fast R-CNN box regression), in PyTorch.

Check it with `prep kata smooth_l1`.
"""

import torch


def smooth_l1(
    input: torch.Tensor,
    target: torch.Tensor,
    beta: float = 1.0,
    reduction: str = "mean",
) -> torch.Tensor:
    """0.5 * x**2 / beta where |x| < beta, else |x| - 0.5 * beta, with x = input - target.

    beta = 0 is plain L1. reduction 'none', 'mean' or 'sum'; ValueError otherwise or for beta < 0.
    Must backpropagate.
    """
    raise NotImplementedError("write smooth_l1() here")
