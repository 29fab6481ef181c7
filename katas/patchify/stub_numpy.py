"""Kata `patchify`: cut images into flattened patches (ViT / MAE), in NumPy.

Check it with `prep kata patchify`.
"""

import numpy as np


def patchify(images: np.ndarray, patch_size: int) -> np.ndarray:
    """images (B, C, H, W) -> (B, (H/P)*(W/P), P*P*C), patches in row-major order.

    Each patch is flattened in (row, column, channel) order. Raise ValueError when H or W is not
    divisible by P.
    """
    raise NotImplementedError("write patchify() here")
