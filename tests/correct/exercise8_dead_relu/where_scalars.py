# Leaky ReLU and its slope with np.where, alpha as a scalar branch.
import numpy as np


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x)
    return np.where(x > 0, x, alpha * x)


def leaky_relu_derivative(x, alpha=0.01):
    x = np.asarray(x)
    return np.where(x > 0, np.ones_like(x), np.full_like(x, alpha))
