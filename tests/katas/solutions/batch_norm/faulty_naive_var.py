import numpy as np


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    if x.ndim not in (2, 4):
        raise ValueError("x must be (N, C) or (N, C, H, W)")
    c = x.shape[1]
    if any(p.shape != (c,) for p in (gamma, beta, running_mean, running_var)):
        raise ValueError("parameters must be (C,)")
    axes = (0,) if x.ndim == 2 else (0, 2, 3)
    if training:
        n = x.size // c
        if n == 1:
            raise ValueError("more than one value per channel is needed in training")
        mean = x.mean(axis=axes, keepdims=True)
        var = (x ** 2).mean(axis=axes, keepdims=True) - mean ** 2  # E[x^2] - E[x]^2
        new_mean = (1 - momentum) * running_mean + momentum * mean.reshape(c)
        new_var = (1 - momentum) * running_var + momentum * var.reshape(c) * n / (n - 1)
    else:
        view = (1, c) + (1,) * (x.ndim - 2)
        mean, var = running_mean.reshape(view), running_var.reshape(view)
        new_mean, new_var = running_mean.copy(), running_var.copy()
    view = (1, c) + (1,) * (x.ndim - 2)
    x_hat = (x - mean) / np.sqrt(var + eps)
    return gamma.reshape(view) * x_hat + beta.reshape(view), new_mean, new_var
