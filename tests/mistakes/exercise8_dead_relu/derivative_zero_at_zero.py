# expect: derivative
# check: leaky_relu_derivative_values
# Treats exactly 0 as its own case and gives it slope 0 instead of alpha.
import numpy as np


def leaky_relu_derivative(x, alpha=0.01):
    return np.where(x > 0, 1.0, np.where(x < 0, alpha, 0.0))
