# expect: mutation
# check: sigmoid_values
# `out = x` does not copy: the results are written into the caller's array.
import numpy as np


def sigmoid(x):
    out = x
    pos = x >= 0
    neg = ~pos
    e = np.exp(-np.abs(x))
    out[pos] = 1 / (1 + e[pos])
    out[neg] = e[neg] / (1 + e[neg])
    return out
