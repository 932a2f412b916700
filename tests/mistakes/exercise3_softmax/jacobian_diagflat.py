# expect: shape
# check: jacobian_batch
# Right for one row; on a batch np.diagflat and np.outer flatten it into one (n*k, n*k) table.
import numpy as np


def softmax_jacobian(z):
    s = softmax(z)
    return np.diagflat(s) - np.outer(s, s)
