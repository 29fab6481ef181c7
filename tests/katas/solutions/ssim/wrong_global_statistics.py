

def ssim(x, y, data_range):
    """The SSIM formula applied once, with whole-image statistics."""
    if data_range <= 0 or x.shape != y.shape or x.ndim != 2 or min(x.shape) < 11:
        raise ValueError("bad input")
    x, y = x.astype(float), y.astype(float)
    ux, uy = x.mean(), y.mean()
    vx, vy = x.var(), y.var()
    vxy = ((x - ux) * (y - uy)).mean()
    c1, c2 = (0.01 * data_range) ** 2, (0.03 * data_range) ** 2
    return (2 * ux * uy + c1) * (2 * vxy + c2) / ((ux ** 2 + uy ** 2 + c1) * (vx + vy + c2))
