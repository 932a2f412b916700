# expect: slow
# check: vectorised_speed
# np.frompyfunc wraps a Python function as a ufunc, but still calls it once per element.
import math

import numpy as np


def _sigmoid_one(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.frompyfunc(_sigmoid_one, 1, 1)(x).astype(float)
