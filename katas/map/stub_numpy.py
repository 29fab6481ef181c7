"""Kata `map`: average precision of one class (VOC 2007, VOC 2010+, COCO), in NumPy.

Check it with `prep kata map`. Boxes are (x1, y1, x2, y2), continuous coordinates (no +1).
"""

import numpy as np


def map(pred_boxes: np.ndarray, scores: np.ndarray, pred_image_ids: np.ndarray,
        gt_boxes: np.ndarray, gt_image_ids: np.ndarray, method: str = "voc") -> float:
    """AP of one class over several images.

    pred_boxes (D, 4), scores (D,), pred_image_ids (D,); gt_boxes (G, 4), gt_image_ids (G,).
    method: 'voc' (all-point), 'voc07' (11-point) or 'coco' (IoU 0.50:0.05:0.95, 101 points).
    Raises ValueError for an unknown method or when there is no ground truth.
    """
    raise NotImplementedError("write map() here")
