import torch


def patch_embed(images, weight, bias, cls_token, pos_embed):
    B, C, H, W = images.shape
    D, _, P, _ = weight.shape
    if H % P or W % P:
        raise ValueError("H and W must be divisible by the patch size")
    h, w = H // P, W // P
    if pos_embed.shape[1] != h * w + 1:
        raise ValueError("pos_embed must have N + 1 rows")
    rows = []
    for b in range(B):  # one output value at a time
        seq = [cls_token[0, 0] + pos_embed[0, 0]]
        for i in range(h):
            for j in range(w):
                patch = images[b, :, i * P:(i + 1) * P, j * P:(j + 1) * P]
                vals = [(weight[d] * patch).sum() + bias[d] for d in range(D)]
                seq.append(torch.stack(vals) + pos_embed[0, 1 + i * w + j])
        rows.append(torch.stack(seq))
    return torch.stack(rows)
