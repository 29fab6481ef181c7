import torch


def random_masking(x, mask_ratio, noise):
    if not 0 <= mask_ratio <= 1:
        raise ValueError("mask_ratio must be in [0, 1]")
    n, length, _ = x.shape
    if noise.shape != (n, length):
        raise ValueError("noise must be (N, L)")
    len_keep = int(length * (1 - mask_ratio))
    ids_shuffle = noise.argsort(dim=1)
    ids_restore = ids_shuffle.argsort(dim=1)
    rows = torch.arange(n)[:, None]
    x_masked = x[rows, ids_shuffle[:, :len_keep]]  # advanced indexing, per sample
    mask = torch.ones(n, length, dtype=x.dtype)
    mask[rows, ids_shuffle[:, :len_keep]] = 0.0  # scatter straight into the original order
    return x_masked, mask, ids_restore
