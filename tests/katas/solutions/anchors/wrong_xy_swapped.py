import numpy as np


def anchors(feature_h, feature_w, stride, sizes, ratios):
    if feature_h < 0 or feature_w < 0 or stride <= 0:
        raise ValueError("feature size must be >= 0 and stride > 0")
    if not sizes or not ratios or min(sizes) <= 0 or min(ratios) <= 0:
        raise ValueError("sizes and ratios must be non-empty and positive")
    ws, hs = [], []
    for s in sizes:
        for r in ratios:
            ws.append(s / np.sqrt(r))
            hs.append(s * np.sqrt(r))
    ws, hs = np.array(ws), np.array(hs)
    base = np.stack([-ws / 2, -hs / 2, ws / 2, hs / 2], axis=1)  # [A, 4]
    shift_x = (np.arange(feature_w) + 0.5) * stride
    shift_y = (np.arange(feature_h) + 0.5) * stride
    shift_y, shift_x = np.meshgrid(shift_x, shift_y)  # [H, W], x varies along columns
    shifts = np.stack([shift_x.ravel(), shift_y.ravel(), shift_x.ravel(), shift_y.ravel()], axis=1)
    return (shifts[:, None, :] + base[None, :, :]).reshape(-1, 4)
