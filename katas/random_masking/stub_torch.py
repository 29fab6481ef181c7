"""Kata `random_masking`: MAE's per-sample random masking, in PyTorch.

Check it with `prep kata random_masking`.
"""

import torch


def random_masking(x: torch.Tensor, mask_ratio: float,
                   noise: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """x (N, L, D), noise (N, L) -> (x_masked (N, L_keep, D), mask (N, L), ids_restore (N, L)).

    L_keep = int(L * (1 - mask_ratio)); each sample keeps its L_keep patches of smallest noise,
    in ascending-noise order. mask is 0 for kept, 1 for removed patches, in the original patch
    order; ids_restore (int64) undoes the shuffle. Raise ValueError for a mask_ratio outside
    [0, 1] or a noise whose shape is not (N, L).
    """
    raise NotImplementedError("write random_masking() here")
