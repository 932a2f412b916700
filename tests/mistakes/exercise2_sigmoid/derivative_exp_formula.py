# expect: overflow
# check: sigmoid_derivative_stable
# A correct formula for the slope, exp(-x) / (1 + exp(-x))^2, that overflows to
# inf / inf = nan for x = -1e4.
import numpy as np


def sigmoid_derivative(x):
    e = np.exp(-x)
    return e / (1 + e) ** 2
