import torch.nn.functional as F


def byol_loss(p, z):
    if p.shape != z.shape:
        raise ValueError("p and z must both be (N, D)")
    return (1 - F.cosine_similarity(p, z.detach(), dim=1)).mean()
