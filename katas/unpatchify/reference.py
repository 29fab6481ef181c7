"""Hidden reference for the `unpatchify` kata (NumPy and PyTorch), MAE's unpatchify."""

from __future__ import annotations

from typing import Any

import numpy as np


def _check(shape: tuple[int, ...], p: int, h: int, w: int) -> tuple[int, int, int, int]:
    """(B, grid rows, grid columns, C) or ValueError."""
    if len(shape) != 3:
        raise ValueError(f"patches must be (B, L, P*P*C), got shape {tuple(shape)}")
    b, n, k = shape
    if p <= 0 or h % p or w % p:
        raise ValueError(f"image size {h}x{w} is not divisible by patch_size {p}")
    gh, gw = h // p, w // p
    if n != gh * gw:
        raise ValueError(f"{n} patches cannot tile a {h}x{w} image with patch_size {p} "
                         f"({gh} x {gw} = {gh * gw} patches)")
    if k == 0 or k % (p * p):
        raise ValueError(f"patch length {k} is not a multiple of patch_size**2 = {p * p}")
    return b, gh, gw, k // (p * p)


def unpatchify_numpy(patches: np.ndarray, patch_size: int, height: int, width: int) -> np.ndarray:
    """Reassemble flattened patches into images: the inverse of ``patchify``.

    Args:
        patches (ndarray[B, L, P*P*C]): patches in row-major order over the (H/P, W/P) grid,
            each flattened in (row in patch, column in patch, channel) order.
        patch_size (int): P.
        height, width (int): H and W of the images, divisible by P, with L = (H/P) * (W/P).

    Returns:
        ndarray[B, C, H, W].
    """
    b, gh, gw, c = _check(patches.shape, patch_size, height, width)
    p = patch_size
    x = patches.reshape(b, gh, gw, p, p, c)  # [B, h, w, p, q, C]
    x = x.transpose(0, 5, 1, 3, 2, 4)  # [B, C, h, p, w, q]
    return x.reshape(b, c, height, width)


def unpatchify_torch(patches: Any, patch_size: int, height: int, width: int) -> Any:
    """Same as :func:`unpatchify_numpy` for `Tensor[B, L, P*P*C]`."""
    b, gh, gw, c = _check(tuple(patches.shape), patch_size, height, width)
    p = patch_size
    x = patches.reshape(b, gh, gw, p, p, c)  # [B, h, w, p, q, C]
    x = x.permute(0, 5, 1, 3, 2, 4)  # [B, C, h, p, w, q]
    return x.reshape(b, c, height, width)
