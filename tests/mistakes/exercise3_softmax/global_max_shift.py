# expect: overflow
# check: softmax_stable
# expect-words: largest score of the whole array; underflows to 0; 0 / 0
# reject-words: too large for a float
# Shifts by the largest score of the whole batch: a row far below it underflows to 0 / 0.
import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=axis, keepdims=True)
