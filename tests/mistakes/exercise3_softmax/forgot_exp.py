# expect: value
# check: softmax_values
# Normalises the raw scores: no exp, so negative "probabilities" appear.
import numpy as np


def softmax(z, axis=-1):
    return z / np.sum(z, axis=axis, keepdims=True)
