# expect: slow
# check: vectorised_speed
# A stable sigmoid, one element at a time with math.exp: right values, far too slow.
import math

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    flat_in, flat_out = x.reshape(-1), out.reshape(-1)
    for i in range(flat_in.size):
        v = flat_in[i]
        if v >= 0:
            flat_out[i] = 1 / (1 + math.exp(-v))
        else:
            e = math.exp(v)
            flat_out[i] = e / (1 + e)
    return out
