# expect: gradient
# check: gradient_norms_by_layer_shape
# Reports the size of each weight matrix instead of the size of its gradient.
import numpy as np

from exercise5_backprop import init_params


def gradient_norms_by_layer(X, y, activation, depth, width=32, seed=0):
    params = init_params([X.shape[1]] + [width] * depth + [1], activation=activation, seed=seed)
    return [float(np.linalg.norm(W)) for W, _ in params]
