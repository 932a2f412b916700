# expect: slow
# check: vectorised_speed
# The Jacobian filled entry by entry, S_i * (delta_ij - S_j), in two nested Python loops per row.
import numpy as np


def softmax_jacobian(z):
    s = softmax(z)
    batch = s.reshape(-1, s.shape[-1])
    k = batch.shape[1]
    out = np.empty((batch.shape[0], k, k))
    for n in range(batch.shape[0]):
        for i in range(k):
            for j in range(k):
                out[n, i, j] = batch[n, i] * ((1.0 if i == j else 0.0) - batch[n, j])
    return out.reshape(*s.shape, k)
