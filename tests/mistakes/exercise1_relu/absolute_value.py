# expect: value
# check: relu_values
# Confuses ReLU with the absolute value.
import numpy as np


def relu(x):
    return np.abs(x)
