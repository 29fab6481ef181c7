import numpy as np


def map(pred_boxes, scores, pred_image_ids, gt_boxes, gt_image_ids, method="voc"):
    """Matches every detection against every ground truth, whatever the image."""
    if method not in ("voc", "voc07", "coco"):
        raise ValueError("method must be 'voc', 'voc07' or 'coco'")
    if len(gt_boxes) == 0:
        raise ValueError("no ground truth")
    order = np.argsort(-scores, kind="stable")
    g = gt_boxes
    thresholds = np.linspace(0.5, 0.95, 10) if method == "coco" else [0.5]
    aps = []
    for thr in thresholds:
        used = np.zeros(len(g), bool)
        tp = np.zeros(len(order))
        for r, d in enumerate(order):
            bb = pred_boxes[d]
            iw = np.maximum(np.minimum(g[:, 2], bb[2]) - np.maximum(g[:, 0], bb[0]), 0)
            ih = np.maximum(np.minimum(g[:, 3], bb[3]) - np.maximum(g[:, 1], bb[1]), 0)
            inter = iw * ih
            ov = inter / ((bb[2] - bb[0]) * (bb[3] - bb[1]) + (g[:, 2] - g[:, 0]) * (g[:, 3] - g[:, 1]) - inter)
            ov[used] = -1
            j = np.argmax(ov)
            if ov[j] >= thr:
                tp[r], used[j] = 1, True
        tps = np.cumsum(tp)
        rec, prec = tps / len(g), tps / np.arange(1, len(tp) + 1)
        env = np.maximum.accumulate(prec[::-1])[::-1] if len(prec) else prec
        if method == "voc07":
            aps.append(np.mean([prec[rec >= t].max() if np.any(rec >= t) else 0 for t in np.linspace(0, 1, 11)]))
        elif method == "voc":
            mrec = np.concatenate([[0], rec, [1]])
            mpre = np.concatenate([[0], env, [0]])
            i = np.flatnonzero(mrec[1:] != mrec[:-1])
            aps.append(np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1]))
        else:
            idx = np.searchsorted(rec, np.linspace(0, 1, 101), side="left")
            q = np.where(idx < len(env), env[np.minimum(idx, len(env) - 1)] if len(env) else 0, 0)
            aps.append(q.mean())
    return float(np.mean(aps))
