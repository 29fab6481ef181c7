"""Kata `patchify`: cut images into flattened patches (ViT / MAE), in PyTorch.

Check it with `prep kata patchify --framework torch`.
"""

import torch


def patchify(images: torch.Tensor, patch_size: int) -> torch.Tensor:
    """images (B, C, H, W) -> (B, (H/P)*(W/P), P*P*C), patches in row-major order.

    Each patch is flattened in (row, column, channel) order. Raise ValueError when H or W is not
    divisible by P.
    """
    raise NotImplementedError("write patchify() here")
