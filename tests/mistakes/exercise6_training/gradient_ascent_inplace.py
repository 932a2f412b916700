# expect: divergence
# check: learns_xor
# expect-words: uphill; a minus sign
# reject-words: dead ReLU; learning rate is too large
# seed: 3
# Updates the weights in place with += instead of -=: every step climbs the loss. Half the
# ReLUs die on the way, but the cause to name is the sign, not the learning rate.
import numpy as np

from exercise5_backprop import init_params, loss_and_gradients


def train(X, y, hidden_sizes=(32,), activation="relu", output="sigmoid", loss="bce",
          lr=1.0, epochs=500, seed=0):
    k = 1 if output == "sigmoid" else int(y.max()) + 1 if output == "softmax" else y.shape[1]
    params = init_params([X.shape[1], *hidden_sizes, k], activation, seed)
    losses, grad_norms = [], []
    for _ in range(epochs):
        loss_value, grads = loss_and_gradients(params, X, y, activation, output, loss)
        losses.append(float(loss_value))
        grad_norms.append([float(np.linalg.norm(dW)) for dW, _ in grads])
        for (W, b), (dW, db) in zip(params, grads):
            W += lr * dW
            b += lr * db
    return {"params": params, "losses": losses, "grad_norms": grad_norms}
