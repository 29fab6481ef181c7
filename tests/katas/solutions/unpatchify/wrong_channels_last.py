

def unpatchify(patches, patch_size, height, width):
    p = patch_size
    b, n, k = patches.shape
    if height % p or width % p or n != (height // p) * (width // p) or k % (p * p):
        raise ValueError("inconsistent sizes")
    c = k // (p * p)
    x = patches.reshape(b, height // p, width // p, p, p, c)
    x = x.transpose(0, 1, 3, 2, 4, 5)
    return x.reshape(b, height, width, c)  # (B, H, W, C)
