# expect: value
# check: dead_unit_fraction_hand_built
# Looks at the first hidden layer only.
import numpy as np


def dead_unit_fraction(params, X):
    W, b = params[0]
    return [float(np.mean(np.all(X @ W + b <= 0, axis=0)))]
