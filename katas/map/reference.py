"""Hidden reference for the `map` kata (NumPy): average precision of one class, VOC and COCO."""

from __future__ import annotations

import numpy as np

METHODS = ("voc", "voc07", "coco")


def _pairwise_iou(b1: np.ndarray, b2: np.ndarray) -> np.ndarray:
    """(D, 4), (G, 4) -> (D, G) IoU, continuous coordinates, 0 where the union is 0."""
    area1 = (b1[:, 2] - b1[:, 0]) * (b1[:, 3] - b1[:, 1])  # [D]
    area2 = (b2[:, 2] - b2[:, 0]) * (b2[:, 3] - b2[:, 1])  # [G]
    wh = np.clip(np.minimum(b1[:, None, 2:], b2[None, :, 2:])
                 - np.maximum(b1[:, None, :2], b2[None, :, :2]), 0, None)  # [D, G, 2]
    inter = wh[..., 0] * wh[..., 1]  # [D, G]
    union = area1[:, None] + area2[None, :] - inter  # [D, G]
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def _match(pred_boxes: np.ndarray, order: np.ndarray, pred_image_ids: np.ndarray,
           gt_boxes: np.ndarray, gt_image_ids: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Greedy matching, all IoU thresholds at once.

    Returns:
        ndarray[T, D] of bool: tp[t, r] is True when the r-th detection by score (``order[r]``)
        matches a ground truth at threshold t.
    """
    n_t, n_d = thresholds.shape[0], order.shape[0]
    tp = np.zeros((n_t, n_d), dtype=bool)
    ranked_images = pred_image_ids[order]  # [D]
    # group detections (keeping rank order) and ground truths by image: two stable sorts
    by_image = np.argsort(ranked_images, kind="stable")  # [D], ranks grouped by image
    gt_sorted = np.argsort(gt_image_ids, kind="stable")  # [G]
    gt_ids = gt_image_ids[gt_sorted]  # [G], non-decreasing
    images, starts = np.unique(ranked_images[by_image], return_index=True)
    ends = np.append(starts[1:], n_d)
    g_lo = np.searchsorted(gt_ids, images, side="left")
    g_hi = np.searchsorted(gt_ids, images, side="right")
    for s, e, lo, hi in zip(starts, ends, g_lo, g_hi):
        if lo == hi:  # no ground truth in this image: all false positives
            continue
        ranks = by_image[s:e]  # [Di], increasing rank = decreasing score
        g = gt_sorted[lo:hi]  # [Gi]
        iou = _pairwise_iou(pred_boxes[order[ranks]], gt_boxes[g])  # [Di, Gi]
        taken = np.zeros((n_t, g.size), dtype=bool)  # [T, Gi]
        for k, r in enumerate(ranks):
            # the unmatched ground truth with the highest IoU >= t, for every t at once
            cand = np.where(taken | (iou[k][None, :] < thresholds[:, None]), -1.0, iou[k])  # [T, Gi]
            j = np.argmax(cand, axis=1)  # [T]
            hit = cand[np.arange(n_t), j] >= 0  # [T]
            tp[hit, r] = True
            taken[np.flatnonzero(hit), j[hit]] = True
    return tp


def _ap(tp: np.ndarray, n_gt: int, method: str) -> float:
    """AP of one ranked list of TP / FP flags ([D] bool) against n_gt ground truths."""
    tps = np.cumsum(tp)  # [D]
    recall = tps / n_gt
    precision = tps / np.arange(1, tp.shape[0] + 1)
    if method == "voc07":  # 11-point: mean over t of the best precision at recall >= t
        return float(np.mean([precision[recall >= t].max() if np.any(recall >= t) else 0.0
                              for t in np.linspace(0.0, 1.0, 11)]))
    # precision envelope: the best precision at this or any higher recall
    envelope = np.maximum.accumulate(precision[::-1])[::-1] if tp.size else precision
    if method == "voc":  # all points: area under the envelope, summed where recall changes
        mrec = np.concatenate([[0.0], recall, [1.0]])
        mpre = np.concatenate([[0.0], envelope, [0.0]])
        i = np.flatnonzero(mrec[1:] != mrec[:-1])
        return float(np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1]))
    # coco: envelope sampled at 101 recall points (first rank reaching each recall), 0 beyond
    rec_thrs = np.linspace(0.0, 1.0, 101)
    idx = np.searchsorted(recall, rec_thrs, side="left")  # [101]
    q = np.zeros(101)
    ok = idx < tp.shape[0]
    q[ok] = envelope[idx[ok]]
    return float(q.mean())


def map_numpy(pred_boxes: np.ndarray, scores: np.ndarray, pred_image_ids: np.ndarray,
              gt_boxes: np.ndarray, gt_image_ids: np.ndarray, method: str = "voc") -> float:
    """Average precision of one class over a set of images (VOC 2007, VOC 2010+ or COCO).

    Args:
        pred_boxes (ndarray[D, 4]): detections, (x1, y1, x2, y2), continuous coordinates.
        scores (ndarray[D]): confidence of each detection.
        pred_image_ids (ndarray[D] of int): image of each detection.
        gt_boxes (ndarray[G, 4]): ground-truth boxes, same convention.
        gt_image_ids (ndarray[G] of int): image of each ground truth.
        method (str): 'voc' (all-point interpolation, VOC 2010+), 'voc07' (11-point) or 'coco'
            (mean over IoU thresholds 0.50:0.05:0.95 of the 101-point interpolated AP).

    Detections are visited by decreasing score (stable: ties in input order); each matches the
    still unmatched ground truth *of its image* with the highest IoU >= threshold (0.5 for the
    VOC methods), else it is a false positive.

    Returns:
        float: the AP in [0, 1].

    Raises:
        ValueError: unknown method, or no ground truth at all (AP is undefined).
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    n_gt = gt_boxes.shape[0]
    if n_gt == 0:
        raise ValueError("no ground-truth boxes: recall, hence AP, is undefined")
    thresholds = np.linspace(0.5, 0.95, 10) if method == "coco" else np.array([0.5])
    order = np.argsort(-scores, kind="stable")  # [D]
    tp = _match(pred_boxes, order, pred_image_ids, gt_boxes, gt_image_ids, thresholds)  # [T, D]
    return float(np.mean([_ap(tp[t], n_gt, method) for t in range(thresholds.shape[0])]))
