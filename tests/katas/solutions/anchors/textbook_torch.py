import math

import torch


def anchors(feature_h, feature_w, stride, sizes, ratios):
    if feature_h < 0 or feature_w < 0 or stride <= 0:
        raise ValueError("feature size must be >= 0 and stride > 0")
    if not sizes or not ratios or min(sizes) <= 0 or min(ratios) <= 0:
        raise ValueError("sizes and ratios must be non-empty and positive")
    wh = torch.tensor([[s / math.sqrt(r), s * math.sqrt(r)] for s in sizes for r in ratios])
    base = torch.cat([-wh / 2, wh / 2], dim=1)  # [A, 4]
    ys = (torch.arange(feature_h, dtype=torch.float32) + 0.5) * stride
    xs = (torch.arange(feature_w, dtype=torch.float32) + 0.5) * stride
    cy, cx = torch.meshgrid(ys, xs, indexing="ij")
    centres = torch.stack([cx, cy, cx, cy], dim=-1).reshape(-1, 1, 4)
    return (centres + base).reshape(-1, 4)
