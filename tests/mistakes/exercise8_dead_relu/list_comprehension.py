# expect: slow
# check: vectorised_speed
# The slope of leaky ReLU built element by element in a list comprehension.
import numpy as np


def leaky_relu_derivative(x, alpha=0.01):
    x = np.asarray(x, dtype=float)
    return np.array([1.0 if v > 0 else alpha for v in x.ravel()]).reshape(x.shape)
