import numpy as np


def js_div(p, q, axis=-1):
    p, q = np.asarray(p), np.asarray(q)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    m = (p + q) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(p > 0, p * np.log2(p / m), 0.0)
        b = np.where(q > 0, q * np.log2(q / m), 0.0)
    return 0.5 * (a + b).sum(axis=axis)
