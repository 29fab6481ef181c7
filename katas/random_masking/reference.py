"""Hidden reference for the `random_masking` kata: MAE's per-sample random masking
(He et al., arXiv:2111.06377; models_mae.py ``MaskedAutoencoderViT.random_masking``), with the
noise passed in so that the result is deterministic."""

from __future__ import annotations

import torch


def random_masking_torch(x: torch.Tensor, mask_ratio: float,
                         noise: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Keep a random subset of patches per sample, MAE-style.

    Args:
        x (Tensor[N, L, D]): patch embeddings.
        mask_ratio (float): fraction of patches removed, in [0, 1].
        noise (Tensor[N, L]): one random number per patch; the L_keep patches with the smallest
            noise are kept, L_keep = int(L * (1 - mask_ratio)).

    Returns:
        x_masked (Tensor[N, L_keep, D]): the kept patches in ascending-noise (shuffled) order;
            differentiable w.r.t. x.
        mask (Tensor[N, L], x's dtype): 0 = kept, 1 = removed, in the ORIGINAL patch order.
        ids_restore (Tensor[N, L], int64): the inverse of the shuffle, so that gathering the
            shuffled sequence [x_masked, mask tokens] with it restores the original order.

    Raises:
        ValueError: x not 3-D, mask_ratio outside [0, 1], or noise not of shape (N, L).
    """
    if x.dim() != 3:
        raise ValueError(f"x must be (N, L, D), got shape {tuple(x.shape)}")
    if not 0.0 <= mask_ratio <= 1.0:
        raise ValueError(f"mask_ratio must be in [0, 1], got {mask_ratio}")
    n, length, d = x.shape
    if tuple(noise.shape) != (n, length):
        raise ValueError(f"noise must be (N, L) = {(n, length)}, got {tuple(noise.shape)}")
    len_keep = int(length * (1 - mask_ratio))

    ids_shuffle = torch.argsort(noise, dim=1)  # [N, L] ascending: small noise is kept
    ids_restore = torch.argsort(ids_shuffle, dim=1)  # [N, L] inverse permutation
    ids_keep = ids_shuffle[:, :len_keep]  # [N, L_keep]
    x_masked = torch.gather(x, 1, ids_keep.unsqueeze(-1).expand(-1, -1, d))  # [N, L_keep, D]

    mask = torch.ones((n, length), dtype=x.dtype, device=x.device)  # shuffled order
    mask[:, :len_keep] = 0
    mask = torch.gather(mask, 1, ids_restore)  # [N, L] back to the original order
    return x_masked, mask, ids_restore
