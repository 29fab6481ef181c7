"""Hidden reference for the `nt_xent` kata: the SimCLR loss (Chen et al., arXiv:2002.05709)."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def nt_xent_torch(z_i: torch.Tensor, z_j: torch.Tensor, temperature: float = 0.5) -> torch.Tensor:
    """Normalised-temperature cross-entropy over the 2N views of a batch.

    Args:
        z_i (Tensor[N, D]): projections of the first view.
        z_j (Tensor[N, D]): projections of the second view; row k of z_i and row k of z_j
            are a positive pair, every other row of either view is a negative.
        temperature (float): the similarities are divided by it.

    Returns:
        Tensor[]: the loss averaged over all 2N anchors; finite in float32 down to 0.01.
    """
    n = z_i.shape[0]
    z = F.normalize(torch.cat([z_i, z_j], dim=0), dim=1)  # [2N, D]
    sim = z @ z.T / temperature  # [2N, 2N] cosine / tau
    self_mask = torch.eye(2 * n, dtype=torch.bool, device=z.device)
    sim = sim.masked_fill(self_mask, float("-inf"))  # an anchor is not its own negative
    targets = (torch.arange(2 * n, device=z.device) + n) % (2 * n)  # [2N], the positive's column
    return F.cross_entropy(sim, targets)
