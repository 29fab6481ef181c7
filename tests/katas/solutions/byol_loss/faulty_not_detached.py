import torch.nn.functional as F


def byol_loss(p, z):
    if p.shape != z.shape:
        raise ValueError("p and z must both be (N, D)")
    p, z = F.normalize(p, dim=1), F.normalize(z, dim=1)  # z still carries gradient
    return (2 - 2 * (p * z).sum(dim=1)).mean()
