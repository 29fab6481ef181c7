import torch
import torch.nn.functional as F


def nt_xent(z_i, z_j, temperature=0.5):
    n = z_i.shape[0]
    z = torch.cat([z_i, z_j], dim=0)
    total = 0.0
    for a in range(2 * n):  # one anchor, one candidate at a time
        pos = (a + n) % (2 * n)
        terms = []
        za = F.normalize(z[a], dim=0)
        for k in range(2 * n):
            if k == a:
                continue
            terms.append(torch.dot(za, F.normalize(z[k], dim=0)) / temperature)
        logits = torch.stack(terms)
        idx = pos if pos < a else pos - 1
        total = total + (torch.logsumexp(logits, 0) - logits[idx])
    return total / (2 * n)
