# expect: slow
# check: vectorised_speed
# A stable softmax written with loops over every entry of every row: right values, but the
# work is done one number at a time in Python.
import math

import numpy as np


def softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    if z.ndim == 1:
        return softmax(z[None, :])[0]
    if axis == 0:
        return softmax(z.T, axis=-1).T
    out = np.empty_like(z)
    for i in range(z.shape[0]):
        top = max(z[i])
        total = 0.0
        for j in range(z.shape[1]):
            out[i, j] = math.exp(z[i, j] - top)
            total += out[i, j]
        for j in range(z.shape[1]):
            out[i, j] /= total
    return out
