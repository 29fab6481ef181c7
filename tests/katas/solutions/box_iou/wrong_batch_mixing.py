import torch


def box_iou(boxes1, boxes2):
    """Flattens the batch, computes every pair, then slices the wrong block."""
    B, N, M = boxes1.shape[0], boxes1.shape[1], boxes2.shape[1]
    b1, b2 = boxes1.reshape(B * N, 4), boxes2.reshape(B * M, 4)
    area1 = (b1[:, 2] - b1[:, 0]) * (b1[:, 3] - b1[:, 1])
    area2 = (b2[:, 2] - b2[:, 0]) * (b2[:, 3] - b2[:, 1])
    lt = torch.max(b1[:, None, :2], b2[None, :, :2])
    rb = torch.min(b1[:, None, 2:], b2[None, :, 2:])
    wh = (rb - lt).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    union = area1[:, None] + area2[None, :] - inter
    iou = inter / union.clamp(min=1e-12)
    return iou.reshape(B, N, B, M)[:, :, :1].reshape(B, N, M)  # should be the blocks [b, :, b]
