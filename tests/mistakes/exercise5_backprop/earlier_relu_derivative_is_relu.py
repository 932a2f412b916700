# expect: derivative
# check: gradients_relu
# in: exercise1_relu
# expect-words: Your exercise 1 is not right yet; relu_derivative; actgrade check exercise1
# The mistake is in exercise 1: relu_derivative returns relu(x) itself instead of its slope.
# Exercise 5's own code is right: it multiplies by relu_derivative(z) as asked.
import numpy as np


def relu_derivative(x):
    return np.maximum(x, 0.0)
