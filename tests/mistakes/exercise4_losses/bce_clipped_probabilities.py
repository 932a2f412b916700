# expect: overflow
# check: bce_stable
# Clips the probability to dodge log(0): no warning, but the loss of a confidently
# wrong example is capped at -log(1e-7), about 16, instead of about 1e4.
import numpy as np
from exercise2_sigmoid import sigmoid


def binary_cross_entropy(logits, y):
    p = np.clip(sigmoid(logits), 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
