# expect: slow
# check: vectorised_speed
# map(math.exp, ...) runs math.exp once per element; the loop is inside map, not in the learner's lines.
import math

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    flat = np.clip(x.ravel(), -500, 500)
    e = np.fromiter(map(math.exp, -flat), dtype=float, count=flat.size)
    return (1.0 / (1.0 + e)).reshape(x.shape)
