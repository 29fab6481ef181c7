"""Hidden reference for the `integral_image` kata (NumPy): a summed-area table with a zero border."""

from __future__ import annotations

import numpy as np


def integral_image_numpy(img: np.ndarray) -> np.ndarray:
    """Summed-area table S with a leading row and column of zeros.

    ``S[i, j] = img[:i, :j].sum()`` (exclusive of row i and column j), so any box sum is
    ``img[r0:r1, c0:c1].sum() = S[r1, c1] - S[r0, c1] - S[r1, c0] + S[r0, c0]``.

    Args:
        img (ndarray[H, W]): integers (any int/uint/bool dtype) or floats.

    Returns:
        ndarray[H + 1, W + 1]: int64 for integer or bool input (exact, never wraps for
        realistic images), float64 for float input.
    """
    if img.ndim != 2:
        raise ValueError(f"img must be (H, W), got shape {img.shape}")
    acc = np.float64 if img.dtype.kind == "f" else np.int64
    h, w = img.shape
    out = np.zeros((h + 1, w + 1), dtype=acc)
    np.cumsum(img, axis=0, dtype=acc, out=out[1:, 1:])  # [H, W] running sums down the rows
    np.cumsum(out[1:, 1:], axis=1, out=out[1:, 1:])  # then along each row
    return out
