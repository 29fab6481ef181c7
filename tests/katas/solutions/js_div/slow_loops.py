import math

import numpy as np


def js_div(p, q, axis=-1):
    p, q = np.asarray(p), np.asarray(q)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    pm, qm = np.moveaxis(p, axis, -1), np.moveaxis(q, axis, -1)
    out = np.zeros(pm.shape[:-1])
    for idx in np.ndindex(*pm.shape[:-1]):  # one probability at a time
        total = 0.0
        for pi, qi in zip(pm[idx].tolist(), qm[idx].tolist()):
            mi = (pi + qi) / 2
            if pi > 0:
                total += 0.5 * pi * math.log(pi / mi)
            if qi > 0:
                total += 0.5 * qi * math.log(qi / mi)
        out[idx] = total
    return out
