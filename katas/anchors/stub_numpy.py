"""Kata `anchors`: the anchor boxes of every feature-map location, in NumPy.

Check it with `prep kata anchors`. Boxes are (x1, y1, x2, y2) in input-image pixels.
"""

import numpy as np


def anchors(feature_h: int, feature_w: int, stride: float, sizes: list, ratios: list) -> np.ndarray:
    """-> (feature_h * feature_w * A, 4) float array, A = len(sizes) * len(ratios).

    Location (y, x) is centred at ((x + 0.5) * stride, (y + 0.5) * stride); ratio = h / w and
    area size ** 2; locations row-major (y outer, x inner), then for size: for ratio.
    """
    raise NotImplementedError("write anchors() here")
