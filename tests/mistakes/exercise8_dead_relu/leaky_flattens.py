# expect: shape
# check: leaky_relu_values
# Flattens its input, losing the shape.
import numpy as np


def leaky_relu(x, alpha=0.01):
    x = np.ravel(x)
    return np.where(x > 0, x, alpha * x)
