# expect: value
# check: leaky_relu_values
# Forgets the leak: negative numbers become 0, as in plain ReLU.
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.maximum(x, 0.0)
