# expect: gradient
# check: ce_grad_values
# onehot[:, labels] = 1 fills whole columns instead of one entry per row.
import numpy as np
from exercise3_softmax import softmax


def cross_entropy_grad(logits, labels):
    p = softmax(logits, axis=1)
    onehot = np.zeros_like(p)
    onehot[:, labels] = 1.0
    return (p - onehot) / len(labels)
