"""Kata `nms`: greedy non-maximum suppression, in NumPy.

Check it with `prep kata nms`. Boxes are (x1, y1, x2, y2), continuous coordinates (no +1).
"""

import numpy as np


def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float) -> np.ndarray:
    """boxes (N, 4), scores (N,) -> 1-D integer indices of the kept boxes, best score first.

    A box is suppressed when its IoU with a kept, higher-scoring box is > iou_threshold.
    """
    raise NotImplementedError("write nms() here")
