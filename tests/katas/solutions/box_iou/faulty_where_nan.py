import torch


def box_iou(boxes1, boxes2):
    x11, y11, x12, y12 = boxes1.unsqueeze(2).unbind(-1)  # [B, N, 1] each
    x21, y21, x22, y22 = boxes2.unsqueeze(1).unbind(-1)  # [B, 1, M] each
    w = (torch.min(x12, x22) - torch.max(x11, x21)).clamp(min=0)
    h = (torch.min(y12, y22) - torch.max(y11, y21)).clamp(min=0)
    inter = w * h
    union = (x12 - x11) * (y12 - y11) + (x22 - x21) * (y22 - y21) - inter
    return torch.where(union > 0, inter / union, torch.zeros_like(union))
