# expect: overflow
# check: bce_stable
# The textbook formula on probabilities: sigmoid(1e4) rounds to 1.0, so log(1 - p) is log(0).
import numpy as np
from exercise2_sigmoid import sigmoid


def binary_cross_entropy(logits, y):
    p = sigmoid(logits)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
