# expect: slow
# check: vectorised_speed
# A list comprehension over the elements, turned back into an array: a Python loop in disguise.
import numpy as np


def relu_derivative(x):
    x = np.asarray(x, dtype=float)
    return np.array([1.0 if v > 0 else 0.0 for v in x.ravel()]).reshape(x.shape)
