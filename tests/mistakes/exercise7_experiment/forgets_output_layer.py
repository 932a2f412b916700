# expect: shape
# check: gradient_norms_by_layer_shape
# Reports only the hidden layers and drops the output layer's gradient.
import numpy as np

from exercise5_backprop import init_params, loss_and_gradients


def gradient_norms_by_layer(X, y, activation, depth, width=32, seed=0):
    params = init_params([X.shape[1]] + [width] * depth + [1], activation=activation, seed=seed)
    _, grads = loss_and_gradients(params, X, y, activation=activation, output="sigmoid", loss="bce")
    return [float(np.linalg.norm(dW)) for dW, _ in grads[:-1]]
