import torch


def random_masking(x, mask_ratio, noise):
    if not 0 <= mask_ratio <= 1:
        raise ValueError("mask_ratio must be in [0, 1]")
    n, length, d = x.shape
    if noise.shape != (n, length):
        raise ValueError("noise must be (N, L)")
    len_keep = int(length * (1 - mask_ratio))
    ids_shuffle = torch.argsort(noise, dim=1)
    ids_restore = torch.argsort(ids_shuffle, dim=1)
    ids_keep = ids_shuffle[:, :len_keep]
    x_masked = torch.gather(x, 1, ids_keep.unsqueeze(-1).expand(-1, -1, d))
    mask = torch.zeros(n, length, dtype=x.dtype)
    mask[:, :len_keep] = 1  # 1 = kept
    mask = torch.gather(mask, 1, ids_restore)
    return x_masked, mask, ids_restore
