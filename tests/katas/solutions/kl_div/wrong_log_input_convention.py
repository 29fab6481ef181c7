import numpy as np


def kl_div(p, q, axis=-1):
    p, q = np.asarray(p), np.asarray(q)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    with np.errstate(divide="ignore", invalid="ignore"):
        # F.kl_div(input, target) = target * (log(target) - input): q passed as the input
        terms = np.where(p > 0, p * (np.log(p) - q), 0.0)
    return terms.sum(axis=axis)
