import numpy as np


def _pair(v):
    if isinstance(v, (int, np.integer)):
        return int(v), int(v)
    a, b = v
    return int(a), int(b)


def conv2d(x, weight, bias=None, stride=1, padding=0):
    """Shift-and-add: one (C_out x C_in) matrix product per kernel offset, vectorised over pixels."""
    n, c_in, h, w = x.shape
    c_out, c_w, kh, kw = weight.shape
    if c_w != c_in:
        raise ValueError("channel mismatch")
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    if sh < 1 or sw < 1 or ph < 0 or pw < 0:
        raise ValueError("bad stride or padding")
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (w + 2 * pw - kw) // sw + 1
    if h_out <= 0 or w_out <= 0 or h + 2 * ph < kh or w + 2 * pw < kw:
        raise ValueError("empty output")
    xp = np.zeros((n, c_in, h + 2 * ph, w + 2 * pw), dtype=np.result_type(x, weight))
    xp[:, :, ph:ph + h, pw:pw + w] = x
    out = np.zeros((n, c_out, h_out, w_out), dtype=xp.dtype)
    for a in range(kh):
        for b in range(kw):
            patch = xp[:, :, a:a + sh * (h_out - 1) + 1:sh, b:b + sw * (w_out - 1) + 1:sw]
            out += np.einsum("nchw,oc->nohw", patch, weight[:, :, a, b], optimize=True)
    if bias is not None:
        out += np.asarray(bias)[None, :, None, None]
    return out
