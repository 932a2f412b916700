# expect: overflow
# expect-warning: saturation
# check: softmax_stable
# The textbook formula without the shift: exp(1e4) is inf and inf / inf is nan.
import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)
