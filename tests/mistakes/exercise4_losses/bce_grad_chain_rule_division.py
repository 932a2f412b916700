# expect: overflow
# check: bce_stable
# dL/dp times dp/dz written out: divides by p and 1 - p, which are exactly 0 for |z| ~ 1e4.
from exercise2_sigmoid import sigmoid


def binary_cross_entropy_grad(logits, y):
    p = sigmoid(logits)
    dloss_dp = -(y / p - (1 - y) / (1 - p))
    return dloss_dp * p * (1 - p) / len(logits)
