# expect: shape
# check: softmax_values
# The sum drops the axis: (n, k) / (n,) cannot broadcast.
import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis)
