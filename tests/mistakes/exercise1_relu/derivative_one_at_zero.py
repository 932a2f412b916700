# expect: derivative
# check: relu_derivative_values
# Uses >= so the derivative at exactly 0 is 1 instead of the convention 0.
import numpy as np


def relu_derivative(x):
    return np.where(x >= 0, 1.0, 0.0)
