# expect: value
# check: ce_values
# log_p[:, labels] picks whole columns (an n x n array) instead of one entry per row.
import numpy as np


def cross_entropy(logits, labels):
    z = np.asarray(logits)
    shifted = z - z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[:, labels]))
