import math


def psnr(x, y, data_range):
    if data_range <= 0:
        raise ValueError("data_range must be positive")
    if x.shape != y.shape:
        raise ValueError("x and y must have the same shape")
    a, b = x.reshape(x.shape[0], -1), y.reshape(y.shape[0], -1)
    total = 0.0
    for i in range(a.shape[0]):  # pixel by pixel
        for j in range(a.shape[1]):
            d = float(a[i, j]) - float(b[i, j])
            total += d * d
    mse = total / a.size
    if mse == 0:
        return math.inf
    return 10 * math.log10(data_range ** 2 / mse)
