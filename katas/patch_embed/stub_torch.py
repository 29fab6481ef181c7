"""Kata `patch_embed`: the ViT patch embedding with [CLS] token and position embeddings.

Check it with `prep kata patch_embed`.
"""

import torch
import torch.nn.functional as F  # noqa: F401


def patch_embed(
    images: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor,
    cls_token: torch.Tensor,
    pos_embed: torch.Tensor,
) -> torch.Tensor:
    """images (B, C, H, W), weight (D, C, P, P), bias (D,), cls_token (1, 1, D),
    pos_embed (1, N + 1, D) -> tokens (B, N + 1, D), [CLS] first, N = (H/P) * (W/P).

    ValueError for H or W not divisible by P, or a pos_embed of the wrong length.
    Must backpropagate.
    """
    raise NotImplementedError("write patch_embed() here")
