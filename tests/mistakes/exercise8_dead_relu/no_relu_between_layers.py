# expect: value
# check: dead_unit_fraction_hand_built
# Feeds the pre-activation Z to the next layer instead of relu(Z).
import numpy as np


def dead_unit_fraction(params, X):
    fractions, inputs = [], X
    for W, b in params[:-1]:
        z = inputs @ W + b
        fractions.append(float(np.mean(np.all(z <= 0, axis=0))))
        inputs = z
    return fractions
