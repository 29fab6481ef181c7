"""Kata `byol_loss`: BYOL's normalised regression loss, in PyTorch.

Check it with `prep kata byol_loss`.
"""

import torch


def byol_loss(p: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
    """p (N, D) online predictions, z (N, D) target projections -> scalar.

    The mean over the batch of 2 - 2 * cos(p_i, z_i); z is a constant target (no gradient may
    reach it). Raise ValueError when the shapes differ.
    """
    raise NotImplementedError("write byol_loss() here")
