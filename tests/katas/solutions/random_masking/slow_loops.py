import torch


def random_masking(x, mask_ratio, noise):
    if not 0 <= mask_ratio <= 1:
        raise ValueError("mask_ratio must be in [0, 1]")
    n, length, d = x.shape
    if tuple(noise.shape) != (n, length):
        raise ValueError("noise must be (N, L)")
    len_keep = int(length * (1 - mask_ratio))
    kept, masks, restores = [], [], []
    for i in range(n):  # one sample, one patch at a time
        values = [float(noise[i, j]) for j in range(length)]
        order = sorted(range(length), key=lambda j: values[j])
        restore = [0] * length
        for pos, j in enumerate(order):
            restore[j] = pos
        rows = [x[i, j] for j in order[:len_keep]]
        kept.append(torch.stack(rows) if rows else x.new_zeros((0, d)))
        masks.append(torch.tensor([0.0 if restore[j] < len_keep else 1.0 for j in range(length)],
                                  dtype=x.dtype))
        restores.append(torch.tensor(restore, dtype=torch.int64))
    return torch.stack(kept), torch.stack(masks), torch.stack(restores)
