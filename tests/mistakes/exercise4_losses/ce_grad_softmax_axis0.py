# expect: axis
# check: ce_grad_values
# Normalises the softmax down the columns (axis=0) instead of along each row.
import numpy as np
from exercise3_softmax import softmax


def cross_entropy_grad(logits, labels):
    p = softmax(logits, axis=0)
    p[np.arange(len(labels)), labels] -= 1.0
    return p / len(labels)
