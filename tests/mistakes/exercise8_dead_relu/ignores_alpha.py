# expect: value
# check: leaky_relu_edge_cases
# Hard-codes the default slope instead of using the alpha argument.
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, 0.01 * x)
