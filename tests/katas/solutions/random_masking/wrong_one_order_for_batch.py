import torch


def random_masking(x, mask_ratio, noise):
    if not 0 <= mask_ratio <= 1 or noise.shape != x.shape[:2]:
        raise ValueError("bad mask_ratio or noise")
    n, length, d = x.shape
    len_keep = int(length * (1 - mask_ratio))
    ids_shuffle = torch.argsort(noise, dim=1)
    ids_restore = torch.argsort(ids_shuffle, dim=1)
    ids_keep = ids_shuffle[:, :len_keep]
    x_masked = x[:, ids_keep[0]]  # the first sample's order for all
    mask = torch.ones(n, length, dtype=x.dtype)
    mask[:, :len_keep] = 0
    mask = torch.gather(mask, 1, ids_restore)
    return x_masked, mask, ids_restore
