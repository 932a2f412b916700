# expect: gradient
# check: gradient_norms_by_layer_shape
# check: gradient_vanishes_with_depth
# Counts each layer's bias gradient too: norm(dW) + norm(db) per layer. The list has the right
# length and nearly the right first/last ratio, so only a comparison number by number catches it.
import numpy as np

from exercise5_backprop import init_params, loss_and_gradients


def gradient_norms_by_layer(X, y, activation, depth, width=32, seed=0):
    params = init_params([X.shape[1]] + [width] * depth + [1], activation=activation, seed=seed)
    _, grads = loss_and_gradients(params, X, y, activation=activation, output="sigmoid", loss="bce")
    return [float(np.linalg.norm(dW) + np.linalg.norm(db)) for dW, db in grads]
