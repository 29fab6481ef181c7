import numpy as np


def iou(boxes1, boxes2):
    # element-wise IoU of boxes1[i] and boxes2[i] instead of all pairs
    n = min(len(boxes1), len(boxes2))
    b1, b2 = boxes1[:n], boxes2[:n]
    w = np.clip(np.minimum(b1[:, 2], b2[:, 2]) - np.maximum(b1[:, 0], b2[:, 0]), 0, None)
    h = np.clip(np.minimum(b1[:, 3], b2[:, 3]) - np.maximum(b1[:, 1], b2[:, 1]), 0, None)
    inter = w * h
    union = (b1[:, 2] - b1[:, 0]) * (b1[:, 3] - b1[:, 1]) + (b2[:, 2] - b2[:, 0]) * (b2[:, 3] - b2[:, 1]) - inter
    return inter / union
