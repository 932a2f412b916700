# expect: dtype
# check: bce_grad_values
# Builds the gradient with a list comprehension and returns the list.
import math


def binary_cross_entropy_grad(logits, y):
    n = len(logits)
    return [(1 / (1 + math.exp(-logits[i])) - y[i]) / n for i in range(n)]
