# expect: derivative
# check: leaky_relu_derivative_values
# Copies ReLU's derivative: slope 0 on the negative side.
import numpy as np


def leaky_relu_derivative(x, alpha=0.01):
    return np.where(x > 0, 1.0, 0.0)
