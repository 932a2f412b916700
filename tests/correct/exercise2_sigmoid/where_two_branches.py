# The stable sigmoid with np.where: each branch computed on the whole array, exp of a
# non-positive number only, so nothing overflows.
import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)
