import numpy as np


def kl_div(p, q, axis=-1):
    p, q = np.asarray(p), np.asarray(q)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.log(p / q)
    terms[p == 0] = 0.0
    return terms.sum(axis=axis)
