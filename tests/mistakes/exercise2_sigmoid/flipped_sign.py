# expect: value
# check: sigmoid_values
# exp(x) instead of exp(-x): this is sigmoid(-x).
import numpy as np


def sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1 + e), 1 / (1 + e))
