# expect: dtype
# check: softmax_values
# A "hard max": True where the score is the largest, a boolean array, not probabilities.
import numpy as np


def softmax(z, axis=-1):
    return z == np.max(z, axis=axis, keepdims=True)
