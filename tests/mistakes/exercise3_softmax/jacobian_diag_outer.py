# expect: shape
# check: jacobian_batch
# expect-words: np.outer flattens; np.diag of a 2-D array extracts its diagonal
# reject-words: keepdims
# np.diag / np.outer work for one row only; a batch raises a broadcasting error.
import numpy as np


def softmax_jacobian(z):
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)
