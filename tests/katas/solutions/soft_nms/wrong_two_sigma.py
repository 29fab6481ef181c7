import numpy as np


def soft_nms(boxes, scores, method="gaussian", sigma=0.5, iou_threshold=0.3, score_threshold=0.001):
    """In-place swap version (the seed's algorithm with copies instead of views)."""
    if method not in ("linear", "gaussian"):
        raise ValueError("method must be 'linear' or 'gaussian'")
    b = boxes.astype(np.float64).copy()
    s = scores.astype(np.float64).copy()
    idx = np.arange(len(s))
    n = len(s)
    for i in range(n):
        m = i + int(np.argmax(s[i:]))
        if s[m] < score_threshold:
            n = i
            break
        b[[i, m]] = b[[m, i]]
        s[[i, m]] = s[[m, i]]
        idx[[i, m]] = idx[[m, i]]
        rest = b[i + 1:]
        xx1 = np.maximum(b[i, 0], rest[:, 0])
        yy1 = np.maximum(b[i, 1], rest[:, 1])
        xx2 = np.minimum(b[i, 2], rest[:, 2])
        yy2 = np.minimum(b[i, 3], rest[:, 3])
        inter = np.maximum(0.0, xx2 - xx1) * np.maximum(0.0, yy2 - yy1)
        area_i = (b[i, 2] - b[i, 0]) * (b[i, 3] - b[i, 1])
        areas = (rest[:, 2] - rest[:, 0]) * (rest[:, 3] - rest[:, 1])
        union = area_i + areas - inter
        iou = np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)
        if method == "linear":
            weight = np.ones_like(iou)
            weight[iou > iou_threshold] -= iou[iou > iou_threshold]
        else:
            weight = np.exp(-(iou * iou) / (2 * sigma))  # a Gaussian of width sigma
        s[i + 1:] *= weight
    return idx[:n]
