# expect: value
# expect: overflow
# check: bce_values
# check: bce_stable
# expect-words: epsilon; log(p + 1e-05)
# reject-words: Work the docstring's example by hand
# Adds 1e-5 inside each log to dodge log(0): no warning, every loss a little off, and a
# confidently wrong example costs at most -log(1e-5) = 11.51.
import numpy as np
from exercise2_sigmoid import sigmoid


def binary_cross_entropy(logits, y):
    p = sigmoid(logits)
    return float(np.mean(-(y * np.log(p + 1e-5) + (1 - y) * np.log(1 - p + 1e-5))))
