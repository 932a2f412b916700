# expect: error
# check: relu_values
# The function is called ReLU, not relu: the grader must name the near-miss.
import numpy as np


def ReLU(x):
    return np.maximum(x, 0.0)


del relu
