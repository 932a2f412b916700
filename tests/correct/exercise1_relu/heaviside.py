# np.heaviside(x, 0.0) is the step function: 1 where x > 0, 0 where x < 0, 0.0 at x == 0.
import numpy as np


def relu(x):
    return x * np.heaviside(x, 0.0)


def relu_derivative(x):
    return np.heaviside(x, 0.0)
