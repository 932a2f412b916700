# expect: shape
# check: sigmoid_edge_cases
# Makes the input at least 1-d so that boolean masks work: a 0-d input comes back with shape (1,).
import numpy as np


def sigmoid(x):
    x = np.atleast_1d(x)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out
