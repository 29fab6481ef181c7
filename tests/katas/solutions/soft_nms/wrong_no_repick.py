import numpy as np


def soft_nms(boxes, scores, method="gaussian", sigma=0.5, iou_threshold=0.3, score_threshold=0.001):
    """Sorts once by the initial scores and decays in that order (never re-picks the max)."""
    if method not in ("linear", "gaussian"):
        raise ValueError("method must be 'linear' or 'gaussian'")
    x1, y1, x2, y2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    areas = (x2 - x1) * (y2 - y1)
    s = scores.astype(np.float64).copy()
    order = np.argsort(-s, kind="stable")
    keep = []
    for a, i in enumerate(order):
        if s[i] >= score_threshold:
            keep.append(int(i))
        rest = order[a + 1:]
        w = np.maximum(0.0, np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]))
        h = np.maximum(0.0, np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest]))
        inter = w * h
        union = areas[i] + areas[rest] - inter
        iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        if method == "linear":
            s[rest] *= np.where(iou > iou_threshold, 1 - iou, 1.0)
        else:
            s[rest] *= np.exp(-(iou * iou) / sigma)
    return np.array(keep, dtype=int)
