import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    """The seed's filter2d, generalised: one np.sum per output pixel."""
    sh, sw = (stride, stride) if isinstance(stride, int) else tuple(stride)
    ph, pw = (padding, padding) if isinstance(padding, int) else tuple(padding)
    n, c_in, h, w = x.shape
    c_out, c_w, kh, kw = weight.shape
    if c_w != c_in:
        raise ValueError("channel mismatch")
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (w + 2 * pw - kw) // sw + 1
    if h + 2 * ph < kh or w + 2 * pw < kw:
        raise ValueError("empty output")
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    out = np.zeros((n, c_out, h_out, w_out), dtype=np.result_type(x, weight))
    for i in range(n):
        for o in range(c_out):
            for r in range(h_out):
                for c in range(w_out):
                    window = xp[i, :, r * sh:r * sh + kh, c * sw:c * sw + kw]
                    out[i, o, r, c] = np.sum(window * weight[o])
            if bias is not None:
                out[i, o] += bias[o]
    return out
