# For 0 < alpha < 1, leaky ReLU is the larger of x and alpha * x.
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.maximum(x, alpha * np.asarray(x))


def leaky_relu_derivative(x, alpha=0.01):
    x = np.asarray(x)
    slope = np.ones_like(x)
    slope[x <= 0] = alpha
    return slope
