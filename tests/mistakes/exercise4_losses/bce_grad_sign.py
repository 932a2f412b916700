# expect: gradient
# check: bce_grad_values
# check: bce_grad_matches_own_loss
# y - p instead of p - y: the gradient points uphill.
from exercise2_sigmoid import sigmoid


def binary_cross_entropy_grad(logits, y):
    return (y - sigmoid(logits)) / len(logits)
