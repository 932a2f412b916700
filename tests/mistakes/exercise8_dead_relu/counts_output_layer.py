# expect: value
# check: dead_unit_fraction_hand_built
# Includes the output layer in the count.
import numpy as np


def dead_unit_fraction(params, X):
    fractions, inputs = [], X
    for W, b in params:
        z = inputs @ W + b
        fractions.append(float(np.mean(np.all(z <= 0, axis=0))))
        inputs = np.maximum(z, 0.0)
    return fractions
