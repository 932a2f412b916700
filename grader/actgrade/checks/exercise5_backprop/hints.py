"""The three progressive hints of `actgrade hint exercise5`, from a nudge to nearly the answer.

Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = [
    "A network is a loop over its layers: z = a @ W + b, then the activation, and the output of one "
    "layer is the input `a` of the next. Backpropagation walks the same loop backwards, from the output "
    "to the input. Work through the small example in the docstring of `loss_and_gradients` by hand first: "
    "it gives every number.",
    "init: `rng = np.random.default_rng(seed)`, then `rng.normal(0.0, std, size=(n_in, n_out))` per layer "
    "with std = sqrt(2 / n_in) for relu and leaky_relu, sqrt(2 / (n_in + n_out)) otherwise, and "
    "`np.zeros(n_out)` for b. Backward: keep each layer's input `a` and pre-activation `z` from the forward "
    "pass; start with delta = the exercise 4 gradient (it already has the 1/n); then for each layer from the "
    "last: dW = a.T @ delta, db = delta.sum(axis=0) (a sum, not a mean); and before moving to the previous "
    "layer, da = delta @ W.T times the activation's derivative at that layer's z.",
    "Backward loop: `for i in reversed(range(len(params))):` `a, z = cache[i]`; "
    "`grads[i] = (a.T @ delta, delta.sum(axis=0))`; `if i > 0:` `da = delta @ params[i][0].T`, then with "
    "`z_prev = cache[i - 1][1]`: relu `delta = da * relu_derivative(z_prev)`; sigmoid "
    "`delta = da * sigmoid_derivative(z_prev)`; leaky_relu `delta = da * np.where(z_prev > 0, 1.0, 0.01)`; "
    "softmax `s = softmax(z_prev, axis=1)` and `delta = s * (da - np.sum(da * s, axis=1, keepdims=True))`. "
    "Start with `delta = binary_cross_entropy_grad(logits[:, 0], y)[:, None]` (or `cross_entropy_grad`, "
    "`mse_grad`). Return `float(loss), grads`.",
]
