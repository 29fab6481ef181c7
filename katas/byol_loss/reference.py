"""Hidden reference for the `byol_loss` kata: BYOL's loss (Grill et al., arXiv:2006.07733, eq. 2)."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def byol_loss_torch(p: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
    """Normalised mean squared error between predictions and stop-gradient targets.

    Args:
        p (Tensor[N, D]): the online network's predictions q_theta(z_theta).
        z (Tensor[N, D]): the target network's projections of the other view; treated as a
            constant (stop-gradient): the gradient w.r.t. z is None.

    Returns:
        Tensor[]: mean over the N rows of ||p/|p| - z/|z|||^2 = 2 - 2 * cos(p, z), in [0, 4].
        The symmetrised BYOL loss is byol_loss(p1, z2) + byol_loss(p2, z1).

    Raises:
        ValueError: p and z are not both (N, D) of the same shape.
    """
    if p.dim() != 2 or p.shape != z.shape:
        raise ValueError(f"p and z must both be (N, D), got {tuple(p.shape)} and {tuple(z.shape)}")
    p = F.normalize(p, dim=1)  # [N, D]
    z = F.normalize(z.detach(), dim=1)  # [N, D], no gradient to the target network
    return (2 - 2 * (p * z).sum(dim=1)).mean()
