# expect: overflow
# check: bce_stable
# expect-words: -log(1e-05) = 11.51; confidently wrong
# The epsilon only where the log would be -inf: right on ordinary logits, capped at
# -log(1e-5) = 11.51 on the large ones.
import numpy as np
from exercise2_sigmoid import sigmoid


def binary_cross_entropy(logits, y):
    p = sigmoid(logits)
    eps = 1e-5
    p_safe = np.where(p == 1.0, 1 - eps, np.where(p == 0.0, eps, p))
    return float(np.mean(-(y * np.log(p_safe) + (1 - y) * np.log(1 - p_safe))))
