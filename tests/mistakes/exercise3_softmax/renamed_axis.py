# expect: axis
# check: softmax_axis
# Calls the parameter `dim`, as in PyTorch: softmax(z, axis=0) raises TypeError.
import numpy as np


def softmax(z, dim=-1):
    e = np.exp(z - np.max(z, axis=dim, keepdims=True))
    return e / np.sum(e, axis=dim, keepdims=True)
