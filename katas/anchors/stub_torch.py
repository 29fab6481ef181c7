"""Kata `anchors`: the anchor boxes of every feature-map location, in PyTorch.

Check it with `prep kata anchors --framework torch`. Boxes are (x1, y1, x2, y2) in input-image pixels.
"""

import torch


def anchors(feature_h: int, feature_w: int, stride: float, sizes: list, ratios: list) -> torch.Tensor:
    """-> (feature_h * feature_w * A, 4) float32 tensor, A = len(sizes) * len(ratios).

    Location (y, x) is centred at ((x + 0.5) * stride, (y + 0.5) * stride); ratio = h / w and
    area size ** 2; locations row-major (y outer, x inner), then for size: for ratio.
    """
    raise NotImplementedError("write anchors() here")
