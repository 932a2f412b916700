# expect: batch-mean
# check: bce_grad_values
# The gradient of one example's loss, p - y, without the 1/n of the mean.
from exercise2_sigmoid import sigmoid


def binary_cross_entropy_grad(logits, y):
    return sigmoid(logits) - y
