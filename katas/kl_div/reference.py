"""Hidden reference for the `kl_div` kata (NumPy), as scipy.special.rel_entr summed along an axis."""

from __future__ import annotations

import numpy as np


def kl_div_numpy(p: np.ndarray, q: np.ndarray, axis: int = -1) -> np.ndarray:
    """Kullback-Leibler divergence KL(p || q) = sum p * log(p / q), in nats.

    Args:
        p (ndarray[..., K]): probabilities (non-negative, summing to 1 along ``axis``).
        q (ndarray[..., K]): the same shape as ``p``.
        axis (int): the axis holding the K outcomes.

    Returns:
        ndarray: ``p``'s shape with ``axis`` removed (a 0-d array for one pair of vectors).
        Terms with ``p = 0`` are 0 (0 log 0 = 0); a term with ``p > 0`` and ``q = 0`` makes the
        divergence ``+inf``. Not symmetric: KL(p || q) != KL(q || p) in general.
    """
    p = np.asarray(p)
    q = np.asarray(q)
    if p.shape != q.shape:
        raise ValueError(f"p and q must have the same shape, got {p.shape} and {q.shape}")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * (np.log(p) - np.log(q)), 0.0)  # [..., K]; inf where q = 0
    return np.asarray(terms.sum(axis=axis))
