# (x + |x|) / 2 is x for x > 0 and 0 otherwise; the sign trick gives the slope.
import numpy as np


def relu(x):
    return (x + np.abs(x)) / 2


def relu_derivative(x):
    x = np.asarray(x)
    return (x > 0).astype(x.dtype)
