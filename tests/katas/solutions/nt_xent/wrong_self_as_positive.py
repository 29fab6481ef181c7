import torch
import torch.nn.functional as F


def nt_xent(z_i, z_j, temperature=0.5):
    n = z_i.shape[0]
    z = F.normalize(torch.cat([z_i, z_j], dim=0), dim=1)
    sim = torch.mm(z, z.t()) / temperature
    labels = torch.arange(2 * n)  # row k is the positive of row k
    return F.cross_entropy(sim, labels)
