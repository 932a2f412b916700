# expect: shape
# check: relu_values
# Flattens the input, losing its shape.
import numpy as np


def relu(x):
    return np.maximum(np.ravel(x), 0.0)
