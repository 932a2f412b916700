# expect: slow
# check: vectorised_speed
# Loops over every element in Python: right values, far too slow.
import numpy as np


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    flat_in, flat_out = x.reshape(-1), out.reshape(-1)
    for i in range(flat_in.size):
        flat_out[i] = flat_in[i] if flat_in[i] > 0 else alpha * flat_in[i]
    return out
