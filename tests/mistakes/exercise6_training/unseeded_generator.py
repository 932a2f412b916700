# expect: nondeterministic
# check: deterministic
# Writes its own initialisation with np.random.default_rng() and forgets to pass the seed:
# the network learns, but every call starts from different weights.
import numpy as np

from exercise5_backprop import loss_and_gradients


def train(X, y, hidden_sizes=(32,), activation="relu", output="sigmoid", loss="bce",
          lr=1.0, epochs=500, seed=0):
    if output == "sigmoid":
        k = 1
    elif output == "softmax":
        k = int(y.max()) + 1
    else:
        k = y.shape[1]
    sizes = [X.shape[1], *hidden_sizes, k]
    rng = np.random.default_rng()
    params = [(rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out))
              for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    losses, grad_norms = [], []
    for _ in range(epochs):
        loss_value, grads = loss_and_gradients(params, X, y, activation, output, loss)
        losses.append(float(loss_value))
        grad_norms.append([float(np.linalg.norm(dW)) for dW, _ in grads])
        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
    return {"params": params, "losses": losses, "grad_norms": grad_norms}
