import numpy as np


def iou(boxes1, boxes2):
    n, m = len(boxes1), len(boxes2)
    out = np.zeros((n, m), dtype=boxes1.dtype)
    b1 = boxes1.tolist()
    b2 = boxes2.tolist()
    for i in range(n):
        ax1, ay1, ax2, ay2 = b1[i]
        for j in range(m):
            bx1, by1, bx2, by2 = b2[j]
            w = min(ax2, bx2) - max(ax1, bx1)
            h = min(ay2, by2) - max(ay1, by1)
            inter = max(w, 0.0) * max(h, 0.0)
            union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
            out[i, j] = inter / union if union > 0 else 0.0
    return out
