"""Hidden reference for the `patchify` kata (NumPy and PyTorch), as in ViT and MAE."""

from __future__ import annotations

from typing import Any

import numpy as np


def _check(h: int, w: int, p: int) -> None:
    if p <= 0 or h % p or w % p:
        raise ValueError(f"image size {h}x{w} is not divisible by patch_size {p}")


def patchify_numpy(images: np.ndarray, patch_size: int) -> np.ndarray:
    """Cut images into non-overlapping square patches, each flattened.

    Args:
        images (ndarray[B, C, H, W]): H and W divisible by `patch_size`.
        patch_size (int): P, the side of a patch.

    Returns:
        ndarray[B, (H/P)*(W/P), P*P*C]: patches in row-major order, each flattened in
        (row in patch, column in patch, channel) order.
    """
    b, c, h, w = images.shape
    p = patch_size
    _check(h, w, p)
    x = images.reshape(b, c, h // p, p, w // p, p)  # [B, C, h, p, w, q]
    x = x.transpose(0, 2, 4, 3, 5, 1)  # [B, h, w, p, q, C]
    return x.reshape(b, (h // p) * (w // p), p * p * c)


def patchify_torch(images: Any, patch_size: int) -> Any:
    """Same as :func:`patchify_numpy` for `Tensor[B, C, H, W]`."""
    b, c, h, w = images.shape
    p = patch_size
    _check(h, w, p)
    x = images.reshape(b, c, h // p, p, w // p, p)  # [B, C, h, p, w, q]
    x = x.permute(0, 2, 4, 3, 5, 1)  # [B, h, w, p, q, C]
    return x.reshape(b, (h // p) * (w // p), p * p * c)
