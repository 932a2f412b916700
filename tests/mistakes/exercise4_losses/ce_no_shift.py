# expect: overflow
# check: ce_stable
# Log-sum-exp without subtracting the row maximum: np.exp(1e4) overflows.
import numpy as np


def cross_entropy(logits, labels):
    z = np.asarray(logits)
    lse = np.log(np.sum(np.exp(z), axis=1))
    return float(np.mean(lse - z[np.arange(len(labels)), labels]))
