import numpy as np


def soft_nms(boxes, scores, method="gaussian", sigma=0.5, iou_threshold=0.3, score_threshold=0.001):
    """Overlap measured as intersection over the selected box (not IoU)."""
    if method not in ("linear", "gaussian"):
        raise ValueError("method must be 'linear' or 'gaussian'")
    x1, y1, x2, y2 = boxes.T
    areas = (x2 - x1) * (y2 - y1)
    s = scores.astype(np.float64).copy()
    remaining = np.arange(len(s))
    keep = []
    while remaining.size:
        j = int(np.argmax(s[remaining]))
        i = remaining[j]
        if s[i] < score_threshold:
            break
        keep.append(int(i))
        remaining = np.delete(remaining, j)
        w = np.clip(np.minimum(x2[i], x2[remaining]) - np.maximum(x1[i], x1[remaining]), 0, None)
        h = np.clip(np.minimum(y2[i], y2[remaining]) - np.maximum(y1[i], y1[remaining]), 0, None)
        inter = w * h
        smaller = np.full_like(inter, areas[i])  # over the selected box
        iou = np.divide(inter, smaller, out=np.zeros_like(inter), where=smaller > 0)
        if method == "linear":
            s[remaining] *= np.where(iou > iou_threshold, 1 - iou, 1.0)
        else:
            s[remaining] *= np.exp(-(iou * iou) / sigma)
    return np.array(keep, dtype=np.int64)
