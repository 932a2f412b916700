# expect: value
# check: sigmoid_stable
# Clips x to avoid the overflow: silent, but sigmoid(-1e4) is 7e-218, not 0.0.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.clip(x, -500, 500)))
