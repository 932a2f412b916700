# expect: overflow
# check: bce_stable
# Right values, but its own sigmoid overflows in np.exp for logits like -1e4.
import numpy as np


def binary_cross_entropy_grad(logits, y):
    p = 1 / (1 + np.exp(-logits))
    return (p - y) / len(logits)
