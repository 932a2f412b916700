# sigmoid(x) = (1 + tanh(x / 2)) / 2: tanh never overflows.
import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    return 0.5 * (1 + np.tanh(x / 2))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)
