# expect: gradient
# check: bce_grad_values
# Applies the chain rule as for MSE: multiplies by sigmoid'(z), which the log of BCE cancels.
from exercise2_sigmoid import sigmoid


def binary_cross_entropy_grad(logits, y):
    p = sigmoid(logits)
    return (p - y) * p * (1 - p) / len(logits)
