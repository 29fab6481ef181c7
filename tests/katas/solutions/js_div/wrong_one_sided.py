import numpy as np


def js_div(p, q, axis=-1):
    p, q = np.asarray(p), np.asarray(q)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    m = 0.5 * (p + q)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = p * np.log(p / m)
    t[p == 0] = 0.0
    return t.sum(axis=axis)
