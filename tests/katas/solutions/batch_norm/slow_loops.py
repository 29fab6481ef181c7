import math

import numpy as np


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    if x.ndim not in (2, 4):
        raise ValueError("x must be (N, C) or (N, C, H, W)")
    c = x.shape[1]
    if any(p.shape != (c,) for p in (gamma, beta, running_mean, running_var)):
        raise ValueError("parameters must be (C,)")
    x4 = x.reshape(x.shape[0], c, -1)  # (N, C, H*W)
    n_img, _, hw = x4.shape
    n = n_img * hw
    if training and n == 1:
        raise ValueError("more than one value per channel is needed in training")
    y = np.empty_like(x4)
    new_mean, new_var = running_mean.copy(), running_var.copy()
    for ch in range(c):  # one channel, one value at a time
        if training:
            total = 0.0
            for i in range(n_img):
                for j in range(hw):
                    total += float(x4[i, ch, j])
            mean = total / n
            sq = 0.0
            for i in range(n_img):
                for j in range(hw):
                    sq += (float(x4[i, ch, j]) - mean) ** 2
            var = sq / n
            new_mean[ch] = (1 - momentum) * running_mean[ch] + momentum * mean
            new_var[ch] = (1 - momentum) * running_var[ch] + momentum * sq / (n - 1)
        else:
            mean, var = float(running_mean[ch]), float(running_var[ch])
        scale = float(gamma[ch]) / math.sqrt(var + eps)
        for i in range(n_img):
            for j in range(hw):
                y[i, ch, j] = (float(x4[i, ch, j]) - mean) * scale + float(beta[ch])
    return y.reshape(x.shape), new_mean, new_var
