import numpy as np


def kl_div(p, q, axis=-1):
    p, q = np.asarray(p), np.asarray(q)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sum(p * np.log(p / q), axis=axis)
