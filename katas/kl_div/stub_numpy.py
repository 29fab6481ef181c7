"""Kata `kl_div`: the KL divergence KL(p || q) of discrete distributions, in NumPy.

Check it with `prep kata kl_div`.
"""

import numpy as np


def kl_div(p: np.ndarray, q: np.ndarray, axis: int = -1) -> np.ndarray:
    """KL(p || q) = sum p * log(p / q) along `axis`, in nats; that axis is removed.

    0 * log(0 / q) = 0; p > 0 where q = 0 gives +inf. ValueError if the shapes differ.
    """
    raise NotImplementedError("write kl_div() here")
