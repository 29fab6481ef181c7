import torch


def nms(boxes, scores, iou_threshold):
    x1, y1, x2, y2 = boxes.unbind(1)
    areas = (x2 - x1) * (y2 - y1)
    order = scores.argsort(descending=True)
    keep = []
    while order.numel() > 0:
        i = order[0]
        keep.append(i.item())
        if order.numel() == 1:
            break
        rest = order[1:]
        xx1 = x1[rest].clamp(min=x1[i])
        yy1 = y1[rest].clamp(min=y1[i])
        xx2 = x2[rest].clamp(max=x2[i])
        yy2 = y2[rest].clamp(max=y2[i])
        inter = (xx2 - xx1).clamp(min=0) * (yy2 - yy1).clamp(min=0)
        iou = inter / (areas[i] + areas[rest] - inter)
        order = rest[~(iou > iou_threshold)]  # NaN (0 / 0) never suppresses
    return torch.tensor(keep, dtype=torch.long)
