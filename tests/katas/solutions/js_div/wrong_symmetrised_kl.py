import numpy as np


def js_div(p, q, axis=-1):
    p, q = np.asarray(p), np.asarray(q)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(p > 0, p * np.log(p / q), 0.0)
        b = np.where(q > 0, q * np.log(q / p), 0.0)
    return 0.5 * (a + b).sum(axis=axis)
