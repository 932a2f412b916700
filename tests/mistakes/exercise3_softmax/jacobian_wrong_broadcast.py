# expect: derivative
# check: jacobian_values
# s * (np.eye(k) - s) broadcasts s along the rows: J_ij = S_j (delta_ij - S_j), not symmetric.
import numpy as np


def softmax_jacobian(z):
    s = softmax(z)
    k = s.shape[-1]
    return s[..., None, :] * (np.eye(k) - s[..., None, :])
