import numpy as np


def _kl(a, b, axis):
    with np.errstate(divide="ignore", invalid="ignore"):
        t = a * np.log(a / b)
    t[a == 0] = 0.0
    return t.sum(axis=axis)


def js_div(p, q, axis=-1):
    p, q = np.asarray(p), np.asarray(q)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    m = (p + q) / 2
    return _kl(p, m, axis) + _kl(q, m, axis)
