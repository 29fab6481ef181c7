

def unpatchify(patches, patch_size, height, width):
    p = patch_size
    b, n, k = patches.shape
    if height % p or width % p or n != (height // p) * (width // p) or k % (p * p):
        raise ValueError("inconsistent sizes")
    c = k // (p * p)
    return patches.reshape(b, c, height, width)
