import torch


def soft_nms(boxes, scores, method="gaussian", sigma=0.5, iou_threshold=0.3, score_threshold=0.001):
    if method not in ("linear", "gaussian"):
        raise ValueError("method must be 'linear' or 'gaussian'")
    x1, y1, x2, y2 = boxes.unbind(1)
    areas = (x2 - x1) * (y2 - y1)
    s = scores.clone()
    alive = torch.ones(len(s), dtype=torch.bool)
    keep = []
    for _ in range(len(s)):
        cur = torch.where(alive, s, torch.full_like(s, -float("inf")))
        i = int(cur.argmax())
        if s[i] < score_threshold:
            break
        keep.append(i)
        alive[i] = False
        w = (torch.minimum(x2[i], x2) - torch.maximum(x1[i], x1)).clamp(min=0)
        h = (torch.minimum(y2[i], y2) - torch.maximum(y1[i], y1)).clamp(min=0)
        inter = w * h
        union = areas[i] + areas - inter
        iou = torch.where(union > 0, inter / union.clamp(min=1e-12), torch.zeros_like(inter))
        if method == "linear":
            weight = torch.where(iou > iou_threshold, 1 - iou, torch.ones_like(iou))
        else:
            weight = torch.exp(-iou ** 2 / sigma)
        s = torch.where(alive, s * weight, s)
    return torch.tensor(keep, dtype=torch.long)
