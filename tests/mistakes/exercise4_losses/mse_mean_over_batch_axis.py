# expect: shape
# check: mse_values
# np.mean(..., axis=0) averages over the batch but leaves one number per column.
import numpy as np


def mse(pred, target):
    return np.mean((pred - target) ** 2, axis=0)
