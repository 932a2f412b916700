# expect: no-learning
# check: learns_xor
# Updates the loop variables W and b, which changes nothing in `params`: the loss never moves.
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
        for (W, b), (dW, db) in zip(params, grads):
            W = W - lr * dW
            b = b - lr * db
    return {"params": params, "losses": losses, "grad_norms": grad_norms}
