"""Kata `unpatchify`: flattened patches back to images (MAE), in NumPy.

Check it with `prep kata unpatchify`.
"""

import numpy as np


def unpatchify(patches: np.ndarray, patch_size: int, height: int, width: int) -> np.ndarray:
    """patches (B, (H/P)*(W/P), P*P*C) -> images (B, C, H, W); the inverse of patchify.

    Patches in row-major order, each flattened in (row, column, channel) order. ValueError for
    inconsistent sizes.
    """
    raise NotImplementedError("write unpatchify() here")
