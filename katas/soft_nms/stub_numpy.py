"""Kata `soft_nms`: Soft-NMS with linear or Gaussian score decay, in NumPy.

Check it with `prep kata soft_nms`. Boxes are (x1, y1, x2, y2), continuous coordinates (no +1).
"""

import numpy as np


def soft_nms(boxes: np.ndarray, scores: np.ndarray, method: str = "gaussian", sigma: float = 0.5,
             iou_threshold: float = 0.3, score_threshold: float = 0.001) -> np.ndarray:
    """boxes (N, 4), scores (N,) -> 1-D integer indices of the selected boxes, in selection order.

    Each step picks the box with the highest current score (stop when it is < score_threshold),
    then decays the others: linear s * (1 - IoU) where IoU > iou_threshold, or Gaussian
    s * exp(-IoU ** 2 / sigma). Unknown method: ValueError.
    """
    raise NotImplementedError("write soft_nms() here")
