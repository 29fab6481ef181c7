import torch


def box_iou(boxes1, boxes2):
    B, N, M = boxes1.shape[0], boxes1.shape[1], boxes2.shape[1]
    rows = []
    for b in range(B):
        for n in range(N):
            for m in range(M):  # one pair at a time
                a, c = boxes1[b, n], boxes2[b, m]
                w = torch.clamp(torch.min(a[2], c[2]) - torch.max(a[0], c[0]), min=0)
                h = torch.clamp(torch.min(a[3], c[3]) - torch.max(a[1], c[1]), min=0)
                inter = w * h
                union = (a[2] - a[0]) * (a[3] - a[1]) + (c[2] - c[0]) * (c[3] - c[1]) - inter
                if union > 0:
                    rows.append(inter / union)
                else:
                    rows.append(inter * 0)
    if not rows:
        return boxes1.new_zeros((B, N, M))
    return torch.stack(rows).reshape(B, N, M)
