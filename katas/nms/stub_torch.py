"""Kata `nms`: greedy non-maximum suppression, in PyTorch.

Check it with `prep kata nms --framework torch`. Boxes are (x1, y1, x2, y2), continuous (no +1).
"""

import torch


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    """boxes (N, 4), scores (N,) -> 1-D int64 indices of the kept boxes, best score first.

    A box is suppressed when its IoU with a kept, higher-scoring box is > iou_threshold.
    """
    raise NotImplementedError("write nms() here")
