# expect: dead-relu
# check: dead_unit_fraction_hand_built
# Calls a unit dead as soon as one example switches it off (any row instead of every row).
import numpy as np


def dead_unit_fraction(params, X):
    fractions, inputs = [], X
    for W, b in params[:-1]:
        z = inputs @ W + b
        fractions.append(float(np.mean(np.any(z <= 0, axis=0))))
        inputs = np.maximum(z, 0.0)
    return fractions
