"""Kata `iou`: pairwise IoU of two sets of boxes, in PyTorch.

Check it with `prep kata iou --framework torch`. Boxes are (x1, y1, x2, y2), continuous (no +1).
"""

import torch


def iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """boxes1 (N, 4), boxes2 (M, 4) -> (N, M) IoU of every pair; 0 where the union is 0."""
    raise NotImplementedError("write iou() here")
