"""Kata `js_div`: the Jensen-Shannon divergence of discrete distributions, in NumPy.

Check it with `prep kata js_div`.
"""

import numpy as np


def js_div(p: np.ndarray, q: np.ndarray, axis: int = -1) -> np.ndarray:
    """JS(p, q) = 0.5 KL(p || m) + 0.5 KL(q || m), m = (p + q) / 2, along `axis`, in nats.

    That axis is removed; 0 log 0 = 0. ValueError if the shapes differ.
    """
    raise NotImplementedError("write js_div() here")
