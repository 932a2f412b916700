# expect: overflow
# check: bce_values
# expect-words: a label inside a log; never on the labels
# reject-words: for a logit like 1e4
# Takes log(y) where it means log(p): a label y = 0 gives log(0) even for small logits.
import numpy as np
from exercise2_sigmoid import sigmoid


def binary_cross_entropy(logits, y):
    p = sigmoid(logits)
    return float(np.mean(-y * np.log(y) - (1 - y) * np.log(1 - p)))
