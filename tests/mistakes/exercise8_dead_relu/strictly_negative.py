# expect: dead-relu
# check: dead_unit_fraction_hand_built
# Uses < 0, so a unit whose pre-activation is exactly 0 everywhere counts as alive.
import numpy as np


def dead_unit_fraction(params, X):
    fractions, inputs = [], X
    for W, b in params[:-1]:
        z = inputs @ W + b
        fractions.append(float(np.mean(np.all(z < 0, axis=0))))
        inputs = np.maximum(z, 0.0)
    return fractions
