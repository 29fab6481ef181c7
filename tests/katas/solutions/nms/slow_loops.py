def nms(boxes, scores, iou_threshold):
    b = boxes.tolist()
    s = scores.tolist()
    order = sorted(range(len(s)), key=lambda k: -s[k])
    keep = []
    for i in order:
        ax1, ay1, ax2, ay2 = b[i]
        ok = True
        for j in keep:
            bx1, by1, bx2, by2 = b[j]
            w = min(ax2, bx2) - max(ax1, bx1)
            h = min(ay2, by2) - max(ay1, by1)
            inter = max(w, 0.0) * max(h, 0.0)
            union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
            if union > 0 and inter / union > iou_threshold:
                ok = False
                break
        if ok:
            keep.append(i)
    return keep
