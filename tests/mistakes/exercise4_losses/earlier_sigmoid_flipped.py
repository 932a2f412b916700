# expect: value
# check: bce_grad_values
# in: exercise2_sigmoid
# expect-words: Your exercise 2 is not right yet; actgrade check exercise2
# The mistake is in exercise 2: sigmoid has its sign flipped, 1 / (1 + exp(x)). Exercise 4's
# gradient is right: it calls sigmoid(z) as asked, so the hint must send the learner to exercise 2.
import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1 + e), 1 / (1 + e))
