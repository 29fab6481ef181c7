import torch


def clip_loss(image_emb, text_emb, logit_scale):
    if image_emb.shape != text_emb.shape or image_emb.dim() != 2:
        raise ValueError("image_emb and text_emb must both be (N, D)")
    n = image_emb.shape[0]
    scale = torch.clamp(logit_scale.exp(), max=100.0)
    image = [image_emb[i] / image_emb[i].norm() for i in range(n)]
    text = [text_emb[j] / text_emb[j].norm() for j in range(n)]
    sim = [[scale * torch.dot(image[i], text[j]) for j in range(n)] for i in range(n)]
    total = 0.0
    for i in range(n):  # image -> text, one row at a time
        row = torch.stack(sim[i])
        total = total + (torch.logsumexp(row, 0) - row[i])
    for j in range(n):  # text -> image, one column at a time
        col = torch.stack([sim[i][j] for i in range(n)])
        total = total + (torch.logsumexp(col, 0) - col[j])
    return total / (2 * n)
