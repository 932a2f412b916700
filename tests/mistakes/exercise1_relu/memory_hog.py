# expect: error
# check: relu_values
# Keeps every intermediate array alive until memory runs out.
import numpy as np

_history = []


def relu(x):
    while True:
        _history.append(np.ones(10_000_000))
