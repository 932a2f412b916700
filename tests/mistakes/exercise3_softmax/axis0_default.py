# expect: axis
# check: softmax_values
# The default axis is 0: a batch is normalised down its columns instead of along each row.
import numpy as np


def softmax(z, axis=0):
    z = np.asarray(z)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
