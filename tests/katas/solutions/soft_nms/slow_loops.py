import math


def soft_nms(boxes, scores, method="gaussian", sigma=0.5, iou_threshold=0.3, score_threshold=0.001):
    if method not in ("linear", "gaussian"):
        raise ValueError("method must be 'linear' or 'gaussian'")
    b = boxes.tolist()
    s = [float(v) for v in scores.tolist()]
    remaining = list(range(len(s)))
    keep = []
    while remaining:
        i = max(remaining, key=lambda k: (s[k], -k))
        if s[i] < score_threshold:
            break
        keep.append(i)
        remaining.remove(i)
        ax1, ay1, ax2, ay2 = b[i]
        for j in remaining:  # one box at a time
            bx1, by1, bx2, by2 = b[j]
            w = max(0.0, min(ax2, bx2) - max(ax1, bx1))
            h = max(0.0, min(ay2, by2) - max(ay1, by1))
            inter = w * h
            union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
            iou = inter / union if union > 0 else 0.0
            if method == "linear":
                if iou > iou_threshold:
                    s[j] *= 1 - iou
            else:
                s[j] *= math.exp(-iou * iou / sigma)
    return keep
