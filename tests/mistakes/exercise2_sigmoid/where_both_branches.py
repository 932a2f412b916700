# expect: overflow
# check: sigmoid_stable
# The two stable forms picked with np.where, but each built from the raw exp:
# np.where computes both branches everywhere, so the discarded one overflows
# (and gives inf / inf) even though every value returned is right.
import numpy as np


def sigmoid(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
