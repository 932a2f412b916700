# expect: value
# check: gradient_vanishes_with_depth
# Builds and differentiates the network with the default activation (ReLU) whatever is asked.
import numpy as np

from exercise5_backprop import init_params, loss_and_gradients


def gradient_norms_by_layer(X, y, activation, depth, width=32, seed=0):
    params = init_params([X.shape[1]] + [width] * depth + [1], seed=seed)
    _, grads = loss_and_gradients(params, X, y, output="sigmoid", loss="bce")
    return [float(np.linalg.norm(dW)) for dW, _ in grads]
