# expect: batch-mean
# check: mse_values
# expect-warning: saturation
# Sums each row and averages over the rows only (the other functions are right,
# so their passing checks still carry the teaching notes).
import numpy as np


def mse(pred, target):
    return float(np.mean(np.sum((pred - target) ** 2, axis=1)))
