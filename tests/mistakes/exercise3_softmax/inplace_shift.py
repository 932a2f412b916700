# expect: mutation
# check: softmax_values
# Shifts the caller's array in place with -=.
import numpy as np


def softmax(z, axis=-1):
    z -= np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)
