"""Kata `median_filter`: k x k median filter with a reflected border, in NumPy.

Check it with `prep kata median_filter`.
"""

import numpy as np


def median_filter(image: np.ndarray, k: int) -> np.ndarray:
    """image (H, W), odd k -> (H, W): the median of the k x k window centred on each pixel.

    Border: reflection without repeating the edge pixel, np.pad(image, k // 2, mode="reflect").
    Raise ValueError when k is even or < 1. No Python loop over pixels.
    """
    raise NotImplementedError("write median_filter() here")
