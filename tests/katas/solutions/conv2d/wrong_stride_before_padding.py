import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _pair(v):
    if isinstance(v, (int, np.integer)):
        return int(v), int(v)
    return int(v[0]), int(v[1])


def conv2d(x, weight, bias=None, stride=1, padding=0):
    n, c_in, h, w = x.shape
    c_out, c_w, kh, kw = weight.shape
    if c_w != c_in:
        raise ValueError(f"x has {c_in} channels, weight expects {c_w}")
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    if h + 2 * ph < kh or w + 2 * pw < kw:
        raise ValueError("the kernel is larger than the padded input")
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (w + 2 * pw - kw) // sw + 1
    xs = x[:, :, ::sh, ::sw]  # subsample first, then pad and slide with step 1
    xp = np.pad(xs, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))
    win = win[:, :, :h_out, :w_out]
    out = np.zeros((n, c_out, h_out, w_out))
    got = np.einsum("ncijab,ocab->noij", win, weight)
    out[:, :, :got.shape[2], :got.shape[3]] = got
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1)
    return out
