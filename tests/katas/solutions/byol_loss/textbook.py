import torch.nn.functional as F


def byol_loss(p, z):
    if p.shape != z.shape or p.dim() != 2:
        raise ValueError("p and z must both be (N, D)")
    p = F.normalize(p, dim=-1, p=2)
    z = F.normalize(z, dim=-1, p=2).detach()
    return ((p - z) ** 2).sum(dim=-1).mean()
