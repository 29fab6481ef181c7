def _iou(a, b):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def map(pred_boxes, scores, pred_image_ids, gt_boxes, gt_image_ids, method="voc"):
    if method not in ("voc", "voc07", "coco"):
        raise ValueError("method must be 'voc', 'voc07' or 'coco'")
    pb, sc, pi = pred_boxes.tolist(), scores.tolist(), pred_image_ids.tolist()
    gb, gi = gt_boxes.tolist(), gt_image_ids.tolist()
    n_gt = len(gb)
    if n_gt == 0:
        raise ValueError("no ground truth")
    order = sorted(range(len(sc)), key=lambda k: -sc[k])
    thresholds = [0.5 + 0.05 * k for k in range(10)] if method == "coco" else [0.5]
    thresholds = [round(t, 10) for t in thresholds]
    aps = []
    for thr in thresholds:
        taken = [False] * n_gt
        flags = []
        for d in order:
            best, best_j = -1.0, -1
            for j in range(n_gt):  # every gt, one at a time
                if gi[j] != pi[d] or taken[j]:
                    continue
                v = _iou(pb[d], gb[j])
                if v >= thr and v > best:
                    best, best_j = v, j
            if best_j >= 0:
                taken[best_j] = True
            flags.append(best_j >= 0)
        rec, prec, tp = [], [], 0
        for r, f in enumerate(flags):
            tp += f
            rec.append(tp / n_gt)
            prec.append(tp / (r + 1))
        env = prec[:]
        for k in range(len(env) - 2, -1, -1):
            env[k] = max(env[k], env[k + 1])
        if method == "voc07":
            ap = 0.0
            for k in range(11):
                t = k / 10
                ps = [p for p, r in zip(prec, rec) if r >= t]
                ap += (max(ps) if ps else 0.0) / 11
        elif method == "voc":
            ap, last = 0.0, 0.0
            for r, p in zip(rec, env):
                ap += (r - last) * p
                last = r
        else:
            ap = 0.0
            for k in range(101):
                t = k / 100
                p = next((e for r, e in zip(rec, env) if r >= t), 0.0)
                ap += p / 101
        aps.append(ap)
    return sum(aps) / len(aps)
