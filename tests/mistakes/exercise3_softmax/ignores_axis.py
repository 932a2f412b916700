# expect: axis
# check: softmax_axis
# Accepts `axis` but always works along the last axis.
import numpy as np


def softmax(z, axis=-1):
    z = np.asarray(z)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
