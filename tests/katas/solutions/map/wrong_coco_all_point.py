import numpy as np


def _ap_all_points(rec, prec):
    mrec = np.concatenate(([0.0], rec, [1.0]))
    mpre = np.concatenate(([0.0], prec, [0.0]))
    for i in range(mpre.size - 1, 0, -1):
        mpre[i - 1] = max(mpre[i - 1], mpre[i])
    i = np.where(mrec[1:] != mrec[:-1])[0]
    return np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1])


def _ap_11_points(rec, prec):
    ap = 0.0
    for t in np.arange(0.0, 1.1, 0.1):
        p = np.max(prec[rec >= t]) if np.sum(rec >= t) > 0 else 0.0
        ap += p / 11.0
    return ap


def _ap_101_points(rec, prec):
    pr = prec.copy()
    for i in range(len(pr) - 1, 0, -1):
        pr[i - 1] = max(pr[i - 1], pr[i])
    q = np.zeros(101)
    inds = np.searchsorted(rec, np.linspace(0.0, 1.0, 101), side="left")
    for ri, pi in enumerate(inds):
        if pi < len(pr):
            q[ri] = pr[pi]
    return q.mean()


def map(pred_boxes, scores, pred_image_ids, gt_boxes, gt_image_ids, method="voc"):
    """VOC-devkit style: one loop over the detections, vectorised IoU against the image's gts."""
    if method not in ("voc", "voc07", "coco"):
        raise ValueError("method must be 'voc', 'voc07' or 'coco'")
    npos = len(gt_boxes)
    if npos == 0:
        raise ValueError("no ground truth")
    gts = {}
    for img in np.unique(gt_image_ids):
        gts[img] = gt_boxes[gt_image_ids == img]
    order = np.argsort(-scores, kind="stable")
    boxes = pred_boxes[order]
    images = pred_image_ids[order]
    thresholds = np.linspace(0.5, 0.95, 10) if method == "coco" else [0.5]
    aps = []
    for thr in thresholds:
        used = {img: np.zeros(len(g), dtype=bool) for img, g in gts.items()}
        tp = np.zeros(len(order))
        fp = np.zeros(len(order))
        for d in range(len(order)):
            bb = boxes[d]
            g = gts.get(images[d])
            if g is None:
                fp[d] = 1
                continue
            ixmin = np.maximum(g[:, 0], bb[0])
            iymin = np.maximum(g[:, 1], bb[1])
            ixmax = np.minimum(g[:, 2], bb[2])
            iymax = np.minimum(g[:, 3], bb[3])
            iw = np.maximum(ixmax - ixmin, 0.0)
            ih = np.maximum(iymax - iymin, 0.0)
            inters = iw * ih
            uni = (bb[2] - bb[0]) * (bb[3] - bb[1]) + (g[:, 2] - g[:, 0]) * (g[:, 3] - g[:, 1]) - inters
            ov = inters / uni
            ov[used[images[d]]] = -1.0
            j = np.argmax(ov)
            if ov[j] >= thr:
                tp[d] = 1
                used[images[d]][j] = True
            else:
                fp[d] = 1
        tp, fp = np.cumsum(tp), np.cumsum(fp)
        rec = tp / npos
        prec = tp / np.maximum(tp + fp, np.finfo(np.float64).eps)
        if method == "voc":
            aps.append(_ap_all_points(rec, prec))
        elif method == "voc07":
            aps.append(_ap_11_points(rec, prec))
        else:
            aps.append(_ap_all_points(rec, prec))
    return float(np.mean(aps))
