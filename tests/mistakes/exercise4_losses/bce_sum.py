# expect: batch-mean
# check: bce_values
# check: bce_grad_matches_own_loss
# Adds the losses up instead of averaging them (the gradient is still the mean's).
import numpy as np


def binary_cross_entropy(logits, y):
    z = np.asarray(logits)
    return float(np.sum(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))
