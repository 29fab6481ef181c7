"""Kata `unpatchify`: flattened patches back to images (MAE), in PyTorch.

Check it with `prep kata unpatchify --framework torch`.
"""

import torch


def unpatchify(patches: torch.Tensor, patch_size: int, height: int, width: int) -> torch.Tensor:
    """patches (B, (H/P)*(W/P), P*P*C) -> images (B, C, H, W); the inverse of patchify.

    Patches in row-major order, each flattened in (row, column, channel) order. ValueError for
    inconsistent sizes.
    """
    raise NotImplementedError("write unpatchify() here")
