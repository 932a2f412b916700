# expect: error
# check: sigmoid_values
# `if x >= 0:` asks one question about a whole array.
import numpy as np


def sigmoid(x):
    if x >= 0:
        return 1 / (1 + np.exp(-x))
    return np.exp(x) / (1 + np.exp(x))
