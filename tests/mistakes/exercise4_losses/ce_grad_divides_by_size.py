# expect: batch-mean
# check: ce_grad_values
# Divides the gradient by z.size (n * k) instead of the number of rows n.
import numpy as np
from exercise3_softmax import softmax


def cross_entropy_grad(logits, labels):
    p = softmax(logits, axis=1)
    p[np.arange(len(labels)), labels] -= 1.0
    return p / p.size
