# expect: error
# check: ce_values
# Treats the integer labels as one-hot rows: (n,) * (n, k) cannot broadcast when n != k.
import numpy as np


def cross_entropy(logits, labels):
    z = np.asarray(logits)
    shifted = z - z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.mean(np.sum(labels * log_p, axis=1)))
