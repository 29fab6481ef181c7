def byol_loss(p, z):
    if p.shape != z.shape:
        raise ValueError("p and z must both be (N, D)")
    return (2 - 2 * (p * z.detach()).sum(dim=1)).mean()
