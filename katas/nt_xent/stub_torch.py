"""Kata `nt_xent`: the SimCLR NT-Xent loss, in PyTorch.

Check it with `prep kata nt_xent`.
"""

import torch
import torch.nn.functional as F  # noqa: F401


def nt_xent(z_i: torch.Tensor, z_j: torch.Tensor, temperature: float = 0.5) -> torch.Tensor:
    """z_i (N, D), z_j (N, D) -> scalar loss averaged over the 2N anchors.

    Row k of z_i and row k of z_j are a positive pair; similarity is cosine / temperature.
    """
    raise NotImplementedError("write nt_xent() here")
