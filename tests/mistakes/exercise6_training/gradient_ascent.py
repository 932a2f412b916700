# expect: divergence
# check: learns_xor
# check: learns_two_moons
# check: sigmoid_trouble_measured
# expect-words: uphill; a minus sign
# reject-words: dead; learning rate is too large
# Adds the gradient instead of subtracting it: every step goes uphill.
import numpy as np

from exercise5_backprop import init_params, loss_and_gradients


def train(X, y, hidden_sizes=(32,), activation="relu", output="sigmoid", loss="bce",
          lr=1.0, epochs=500, seed=0):
    if output == "sigmoid":
        k = 1
    elif output == "softmax":
        k = int(y.max()) + 1
    else:
        k = y.shape[1]
    params = init_params([X.shape[1], *hidden_sizes, k], activation, seed)
    losses, grad_norms = [], []
    for _ in range(epochs):
        loss_value, grads = loss_and_gradients(params, X, y, activation, output, loss)
        losses.append(float(loss_value))
        grad_norms.append([float(np.linalg.norm(dW)) for dW, _ in grads])
        params = [(W + lr * dW, b + lr * db) for (W, b), (dW, db) in zip(params, grads)]
    return {"params": params, "losses": losses, "grad_norms": grad_norms}
