"""Hidden reference for the `sobel` kata (NumPy): signed Sobel derivatives, zero padding, same size."""

from __future__ import annotations

import numpy as np


def sobel_numpy(gray: np.ndarray) -> np.ndarray:
    """Horizontal and vertical Sobel derivatives of a grayscale image.

    Cross-correlation (no kernel flip) with
    Gx = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]] and Gy = Gx.T, the image zero-padded by one pixel
    so the output has the input's size. Positive G_x where intensity increases to the right,
    positive G_y where it increases downward. Signed: nothing is clipped or cast.

    Args:
        gray (ndarray[H, W]): intensities (any real dtype).

    Returns:
        ndarray[2, H, W]: (G_x, G_y), float64 (float32 for a float32 input).
    """
    if gray.ndim != 2:
        raise ValueError(f"gray must be a 2-D (H, W) image, got shape {gray.shape}")
    dtype = gray.dtype if gray.dtype in (np.float32, np.float64) else np.float64
    p = np.pad(gray.astype(dtype, copy=False), 1)  # [H + 2, W + 2], zeros around
    # separable: Gx = [1, 2, 1]^T (rows) x [-1, 0, 1] (columns); Gy the transpose
    smooth_rows = p[:-2] + 2 * p[1:-1] + p[2:]  # [H, W + 2]
    smooth_cols = p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:]  # [H + 2, W]
    out = np.empty((2, *gray.shape), dtype=dtype)
    np.subtract(smooth_rows[:, 2:], smooth_rows[:, :-2], out=out[0])  # right - left
    np.subtract(smooth_cols[2:], smooth_cols[:-2], out=out[1])  # below - above
    return out
