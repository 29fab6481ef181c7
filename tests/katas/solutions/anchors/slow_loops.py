import math


def anchors(feature_h, feature_w, stride, sizes, ratios):
    if feature_h < 0 or feature_w < 0 or stride <= 0:
        raise ValueError("feature size must be >= 0 and stride > 0")
    if not sizes or not ratios or min(sizes) <= 0 or min(ratios) <= 0:
        raise ValueError("sizes and ratios must be non-empty and positive")
    out = []
    for y in range(feature_h):
        for x in range(feature_w):
            cx, cy = (x + 0.5) * stride, (y + 0.5) * stride
            for s in sizes:
                for r in ratios:  # one anchor at a time
                    w, h = s / math.sqrt(r), s * math.sqrt(r)
                    out.append([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
    if not out:
        import numpy as np

        return np.zeros((0, 4))
    return out
