# expect: axis
# check: softmax_values
# Divides by the sum over the whole array: the batch sums to 1, not each row.
import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z))
    return e / np.sum(e)
