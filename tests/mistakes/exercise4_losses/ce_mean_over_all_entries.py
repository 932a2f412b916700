# expect: batch-mean
# check: ce_values
# np.mean over the whole (n, k) array of onehot * log(p): divides by n * k instead of n.
import numpy as np


def cross_entropy(logits, labels):
    z = np.asarray(logits)
    shifted = z - z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    onehot = np.zeros_like(log_p)
    onehot[np.arange(len(labels)), labels] = 1.0
    return float(-np.mean(onehot * log_p))
