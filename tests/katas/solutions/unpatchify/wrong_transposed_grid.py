

def unpatchify(patches, patch_size, height, width):
    p = patch_size
    b, n, k = patches.shape
    if height % p or width % p or n != (height // p) * (width // p) or k % (p * p):
        raise ValueError("inconsistent sizes")
    c = k // (p * p)
    x = patches.reshape(b, width // p, height // p, p, p, c)
    x = x.transpose(0, 5, 2, 3, 1, 4)  # column-major grid
    return x.reshape(b, c, height, width)
