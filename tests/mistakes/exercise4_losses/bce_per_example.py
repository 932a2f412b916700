# expect: batch-mean
# check: bce_values
# Forgets the mean: returns one loss per example.
import numpy as np


def binary_cross_entropy(logits, y):
    z = np.asarray(logits)
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
