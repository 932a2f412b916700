"""The three progressive hints of `actgrade hint exercise7`, from a nudge to nearly the answer.

Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = [
    "Let measurements answer the question. Train the two networks on the same data with the same seed and "
    "budget, and compare how many training points each gets right. Then build a deep network that has not "
    "been trained yet and look at how big the gradient is at each layer, from the input to the output.",
    "compare_setups: call your `train` twice: with activation=\"relu\", output=\"sigmoid\", loss=\"bce\" on y, "
    "and with activation=\"softmax\", output=\"linear\", loss=\"mse\" on one-hot targets `np.eye(2)[y]`. For "
    "each: the accuracy of `predict` on X, the last loss of the history, and the mean over epochs of the "
    "first number in each row of history[\"grad_norms\"]. gradient_norms_by_layer: `init_params` with layer "
    "sizes [X.shape[1]] + [width] * depth + [1], one call of `loss_and_gradients`, the norm of every dW.",
    "For each setup: `h = train(X, targets, activation=a, output=o, loss=l, seed=seed)`, then "
    "`{\"accuracy\": float(np.mean(predict(h[\"params\"], X, activation=a, output=o) == y)), "
    "\"final_loss\": float(h[\"losses\"][-1]), "
    "\"first_layer_grad_norm\": float(np.mean([g[0] for g in h[\"grad_norms\"]]))}`. "
    "Layers: `[float(np.linalg.norm(dW)) for dW, db in grads]` (input layer first, as `grads` already is). "
    "On XOR the softmax + linear network stays near a coin toss while ReLU + sigmoid gets almost every point, "
    "and a deep sigmoid or softmax network's first layer gets a millionth of the last layer's gradient or "
    "less: ANSWER_SAME_RESULT = False, and the reason is ANSWER_WHY = \"saturation\".",
]
