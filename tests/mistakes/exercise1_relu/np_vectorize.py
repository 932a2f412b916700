# expect: slow
# check: vectorised_speed
# np.vectorize looks like NumPy but calls the Python function once per element.
import numpy as np


def _relu_one(v):
    return v if v > 0 else 0.0


def relu(x):
    return np.vectorize(_relu_one, otypes=[float])(np.asarray(x, dtype=float))
