"""Hidden reference for the `batch_norm` kata: the forward pass of torch.nn.BatchNorm1d/2d
(Ioffe & Szegedy, arXiv:1502.03167), running statistics included."""

from __future__ import annotations

import numpy as np


def batch_norm_numpy(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray,
                     running_mean: np.ndarray, running_var: np.ndarray, training: bool,
                     momentum: float = 0.1,
                     eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Batch normalisation, PyTorch's conventions.

    Args:
        x (ndarray[N, C] or ndarray[N, C, H, W]): activations.
        gamma, beta (ndarray[C]): the affine scale and shift.
        running_mean, running_var (ndarray[C]): the running statistics (not modified).
        training (bool): normalise with the batch statistics and update the running ones; else
            normalise with the running statistics.
        momentum (float): running = (1 - momentum) * running + momentum * batch (PyTorch's
            convention; Keras' "momentum" is 1 - this).
        eps (float): added to the variance inside the square root.

    Returns:
        y (ndarray like x): gamma * (x - mean) / sqrt(var + eps) + beta, where in training
            mean/var are the batch mean and BIASED variance over every axis but 1.
        new_running_mean, new_running_var (ndarray[C]): updated in training (the variance with
            the UNBIASED batch variance, n / (n - 1) times the biased one, n = N*H*W); copies of
            the inputs in eval.

    Raises:
        ValueError: x not 2-D or 4-D, a parameter not of shape (C,), or training with a single
            value per channel (n = 1: no unbiased variance; PyTorch raises too).
    """
    if x.ndim not in (2, 4):
        raise ValueError(f"x must be (N, C) or (N, C, H, W), got shape {x.shape}")
    c = x.shape[1]
    for name, p in (("gamma", gamma), ("beta", beta), ("running_mean", running_mean),
                    ("running_var", running_var)):
        if p.shape != (c,):
            raise ValueError(f"{name} must be ({c},), got shape {p.shape}")
    axes = (0,) if x.ndim == 2 else (0, 2, 3)
    shape = (1, c) + (1,) * (x.ndim - 2)  # broadcasts a per-channel vector over x
    if training:
        n = x.size // c
        if n < 2:
            raise ValueError("training needs more than 1 value per channel (N * H * W > 1)")
        mean = x.mean(axis=axes)  # [C]
        var = ((x - mean.reshape(shape)) ** 2).mean(axis=axes)  # [C] biased, two-pass
        new_mean = (1 - momentum) * running_mean + momentum * mean
        new_var = (1 - momentum) * running_var + momentum * var * (n / (n - 1))
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean.copy(), running_var.copy()
    inv_std = 1.0 / np.sqrt(var + eps)  # [C]
    y = (x - mean.reshape(shape)) * (gamma * inv_std).reshape(shape) + beta.reshape(shape)
    return y.astype(x.dtype, copy=False), new_mean, new_var
