import numpy as np


def receptive_field(layers):
    """With NumPy: the jumps are an exclusive cumulative product of the strides."""
    if not layers:
        return 1
    if any(len(x) not in (2, 3) for x in layers):
        raise ValueError("a layer is (kernel, stride[, dilation])")
    a = np.array([(x[0], x[1], x[2] if len(x) == 3 else 1) for x in layers], dtype=np.int64)
    if (a < 1).any():
        raise ValueError("kernel, stride and dilation must be >= 1")
    k, s, d = a.T
    jump = np.concatenate([[1], np.cumprod(s)[:-1]])
    return int(1 + np.sum((k - 1) * d * jump))
