"""Kata `sobel`: signed Sobel derivatives (G_x, G_y) with zero padding, in NumPy.

Check it with `prep kata sobel`.
"""

import numpy as np


def sobel(gray: np.ndarray) -> np.ndarray:
    """gray (H, W) -> (2, H, W) float array (G_x, G_y), same size as the input (zero padding).

    Cross-correlation with Gx = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]] and Gy = Gx.T: positive G_x
    where intensity increases to the right, positive G_y where it increases downward. Keep the
    signed responses (no clipping, no uint8). No Python loop over pixels.
    """
    raise NotImplementedError("write sobel() here")
