import numpy as np


def soft_nms(boxes, scores, method="gaussian", sigma=0.5, iou_threshold=0.3, score_threshold=0.001):
    """The seed's soft_nms, with continuous areas: `scores` is a view of column 4 of `bboxes`."""
    if method not in ("linear", "gaussian"):
        raise ValueError("method must be 'linear' or 'gaussian'")
    n = boxes.shape[0]
    bboxes = np.concatenate((boxes, scores[:, None], np.arange(n)[:, None]), axis=1).astype(float)
    x1 = bboxes[:, 0]
    y1 = bboxes[:, 1]
    x2 = bboxes[:, 2]
    y2 = bboxes[:, 3]
    scores = bboxes[:, 4]
    areas = (x2 - x1) * (y2 - y1)
    for i in range(n):
        pos = i + 1
        if i != n - 1:
            maxscore = np.max(scores[pos:], axis=0)
            maxpos = np.argmax(scores[pos:], axis=0)
        else:
            maxscore = scores[-1]
            maxpos = 0
        if scores[i] < maxscore:
            bboxes[[i, maxpos + i + 1]] = bboxes[[maxpos + i + 1, i]]
            scores[[i, maxpos + i + 1]] = scores[[maxpos + i + 1, i]]
            areas[[i, maxpos + i + 1]] = areas[[maxpos + i + 1, i]]
        xx1 = np.maximum(bboxes[i, 0], bboxes[pos:, 0])
        yy1 = np.maximum(bboxes[i, 1], bboxes[pos:, 1])
        xx2 = np.minimum(bboxes[i, 2], bboxes[pos:, 2])
        yy2 = np.minimum(bboxes[i, 3], bboxes[pos:, 3])
        w = np.maximum(0.0, xx2 - xx1)
        h = np.maximum(0.0, yy2 - yy1)
        intersection = w * h
        union = areas[i] + areas[pos:] - intersection
        iou = np.divide(intersection, union, out=np.zeros_like(union), where=union > 0)
        if method == "linear":
            weight = np.ones(iou.shape)
            weight[iou > iou_threshold] = weight[iou > iou_threshold] - iou[iou > iou_threshold]
        else:
            weight = np.exp(-(iou * iou) / sigma)
        scores[pos:] = weight * scores[pos:]
    inds = bboxes[:, 5][scores >= score_threshold]
    return inds.astype(int)
