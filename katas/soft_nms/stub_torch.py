"""Kata `soft_nms`: Soft-NMS with linear or Gaussian score decay, in PyTorch.

Check it with `prep kata soft_nms --framework torch`. Boxes are (x1, y1, x2, y2), continuous (no +1).
"""

import torch


def soft_nms(boxes: torch.Tensor, scores: torch.Tensor, method: str = "gaussian",
             sigma: float = 0.5, iou_threshold: float = 0.3,
             score_threshold: float = 0.001) -> torch.Tensor:
    """boxes (N, 4), scores (N,) -> 1-D int64 indices of the selected boxes, in selection order.

    Each step picks the box with the highest current score (stop when it is < score_threshold),
    then decays the others: linear s * (1 - IoU) where IoU > iou_threshold, or Gaussian
    s * exp(-IoU ** 2 / sigma). Unknown method: ValueError.
    """
    raise NotImplementedError("write soft_nms() here")
