# expect: overflow
# check: ce_stable
# Its own softmax without the shift: exp(1e4) is inf and inf / inf is nan.
import numpy as np


def cross_entropy_grad(logits, labels):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return p / len(labels)
