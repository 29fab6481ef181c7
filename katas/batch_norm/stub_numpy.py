"""Kata `batch_norm`: the BatchNorm forward pass with running statistics, in NumPy.

Check it with `prep kata batch_norm`.
"""

import numpy as np


def batch_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, running_mean: np.ndarray,
               running_var: np.ndarray, training: bool, momentum: float = 0.1,
               eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x (N, C) or (N, C, H, W); gamma, beta, running_mean, running_var (C,).

    Return (y, new_running_mean, new_running_var) with torch.nn.BatchNorm semantics: training
    normalises with the batch statistics (biased variance) and updates the running ones with the
    unbiased variance, running = (1 - momentum) * running + momentum * batch; eval normalises
    with the running statistics and returns them unchanged.
    """
    raise NotImplementedError("write batch_norm() here")
