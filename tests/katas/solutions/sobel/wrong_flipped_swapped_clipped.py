import numpy as np


def sobel_filter(gray, ksize=3):
    """The seed (003) verbatim."""
    H, W = gray.shape[:2]
    pad = ksize // 2
    out = np.zeros((H + pad * 2, W + pad * 2), dtype=np.float32)
    out[pad:pad+H, pad:pad+W] = gray.copy()
    tmp = out.copy()

    out_v = out.copy()
    out_h = out.copy()

    kv = [[1, 2, 1], [0, 0, 0], [-1, -2, -1]]
    kh = [[1, 0, -1], [2, 0, -2], [1, 0, -1]]

    for y in range(H):
        for x in range(W):
            out_v[pad + y, pad + x] = np.sum(kv * tmp[y: y+ ksize, x: x+ksize])
            out_h[pad + y, pad+ x] = np.sum(kh * tmp[y: y + ksize, x:x + ksize])

    out_v = np.clip(out_v, 0, 255)
    out_h = np.clip(out_h, 0, 255)

    out_v = out_v[pad:pad+H, pad:pad+W].astype(np.uint8)
    out_h = out_h[pad:pad+H, pad:pad+W].astype(np.uint8)

    return out_v, out_h


def sobel(gray):
    return np.stack(sobel_filter(gray))
