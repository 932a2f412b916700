"""The three progressive hints of `actgrade hint exercise6`, from a nudge to nearly the answer.

Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = [
    "Training is a loop. At every epoch, ask `loss_and_gradients` (exercise 5) how the loss changes with "
    "each weight, then move every weight a small step the other way. Keep a list of the losses and of the "
    "size of each layer's gradient, so that you (and the grader) can see what happened during training.",
    "First the layer sizes: `[X.shape[1], *hidden_sizes, k]`, with k = 1 for ('sigmoid', 'bce'), "
    "`y.max() + 1` for ('softmax', 'ce') and `y.shape[1]` for ('linear', 'mse'); then "
    "`params = init_params(sizes, activation, seed)`. Each epoch: call `loss_and_gradients`, record "
    "`float(loss)` and `[np.linalg.norm(dW) for dW, db in grads]`, and build a new list of "
    "`(W - lr * dW, b - lr * db)` pairs. For `predict`, `forward(..., output='linear')` gives the logits.",
    "In the loop: `loss_value, grads = loss_and_gradients(params, X, y, activation, output, loss)`, "
    "`losses.append(float(loss_value))`, `grad_norms.append([float(np.linalg.norm(dW)) for dW, _ in grads])`, "
    "`params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]`; after it, "
    "`return {'params': params, 'losses': losses, 'grad_norms': grad_norms}`. predict: "
    "`logits = forward(params, X, activation, output='linear')`, then `(logits[:, 0] > 0).astype(int)` for a "
    "sigmoid output, else `np.argmax(logits, axis=1)`.",
]
