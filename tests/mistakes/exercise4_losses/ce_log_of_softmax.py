# expect: overflow
# check: ce_stable
# -log(softmax) instead of log-sum-exp: the true class's probability rounds to 0 and log(0) = -inf.
import numpy as np
from exercise3_softmax import softmax


def cross_entropy(logits, labels):
    p = softmax(logits, axis=1)
    return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))
