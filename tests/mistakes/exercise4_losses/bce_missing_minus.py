# expect: value
# check: bce_values
# Forgets the minus sign in front of the log-likelihood.
import numpy as np


def binary_cross_entropy(logits, y):
    z = np.asarray(logits)
    return float(np.mean(z * y - np.maximum(z, 0) - np.log1p(np.exp(-np.abs(z)))))
