# expect: dtype
# check: sigmoid_values
# The perceptron's step function with integer constants: ints, not a sigmoid.
import numpy as np


def sigmoid(x):
    return np.where(x >= 0, 1, 0)
