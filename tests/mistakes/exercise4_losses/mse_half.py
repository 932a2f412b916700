# expect: value
# check: mse_values
# check: mse_grad_matches_own_loss
# The "1/2 MSE" convention: the loss is halved but the gradient keeps the 2.
import numpy as np


def mse(pred, target):
    return float(0.5 * np.mean((pred - target) ** 2))
