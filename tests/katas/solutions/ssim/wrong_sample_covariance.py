import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _window(sigma=1.5, radius=5):
    t = np.arange(-radius, radius + 1)
    g = np.exp(-(t ** 2) / (2 * sigma ** 2))
    w = np.outer(g, g)
    return w / w.sum()  # (11, 11), sums to 1


def ssim(x, y, data_range):
    """skimage's recipe: filter the whole (reflect-padded) image, then crop 5 pixels per side."""
    if data_range <= 0:
        raise ValueError("data_range must be positive")
    if x.shape != y.shape or x.ndim != 2:
        raise ValueError("x and y must be 2-D images of the same shape")
    if min(x.shape) < 11:
        raise ValueError("images must be at least 11x11")
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    w = _window()

    def gfilter(img):  # scipy.ndimage.gaussian_filter(img, 1.5, truncate=3.5, mode="reflect")
        p = np.pad(img, 5, mode="symmetric")
        return np.einsum("ijab,ab->ij", sliding_window_view(p, (11, 11)), w)  # no window copy

    ux, uy = gfilter(x), gfilter(y)
    n = 11 * 11
    cov_norm = n / (n - 1)  # unbiased estimate, as skimage's use_sample_covariance=True
    vx = cov_norm * (gfilter(x * x) - ux * ux)
    vy = cov_norm * (gfilter(y * y) - uy * uy)
    vxy = cov_norm * (gfilter(x * y) - ux * uy)
    c1 = (0.01 * data_range) ** 2
    c2 = (0.03 * data_range) ** 2
    s = ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux ** 2 + uy ** 2 + c1) * (vx + vy + c2))
    return s[5:-5, 5:-5].mean()
