import numpy as np


def anchors(feature_h, feature_w, stride, sizes, ratios):
    if feature_h < 0 or feature_w < 0 or stride <= 0:
        raise ValueError("feature size must be >= 0 and stride > 0")
    if not sizes or not ratios or min(sizes) <= 0 or min(ratios) <= 0:
        raise ValueError("sizes and ratios must be non-empty and positive")
    out = []
    for x in range(feature_w):  # column by column
        for y in range(feature_h):
            cx, cy = (x + 0.5) * stride, (y + 0.5) * stride
            for s in sizes:
                for r in ratios:
                    w, h = s / np.sqrt(r), s * np.sqrt(r)
                    out.append([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
    return np.array(out, dtype=np.float64).reshape(-1, 4)
