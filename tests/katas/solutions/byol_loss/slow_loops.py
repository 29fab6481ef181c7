import torch


def byol_loss(p, z):
    if p.shape != z.shape or p.dim() != 2:
        raise ValueError("p and z must both be (N, D)")
    z = z.detach()
    total = 0.0
    for i in range(p.shape[0]):  # one row at a time
        cos = torch.dot(p[i], z[i]) / (torch.linalg.norm(p[i]) * torch.linalg.norm(z[i]))
        total = total + (2 - 2 * cos)
    return total / p.shape[0]
