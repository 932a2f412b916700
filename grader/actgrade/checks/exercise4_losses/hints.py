"""The three progressive hints of `actgrade hint exercise4`, from a nudge to nearly the answer.

Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = [
    "Each loss is an average over the examples of the batch, and each gradient is the gradient of that "
    "average, so it carries a 1/n. Never take the log of a probability you computed first: for a logit "
    "like 1e4 it rounds to exactly 0 or 1, and log(0) is -inf. Work from the logits instead.",
    "BCE: average max(z, 0) - z*y + log(1 + exp(-|z|)) (np.maximum, np.abs, np.log1p). "
    "Cross-entropy: log-sum-exp of each row minus the score of the true class; subtract each row's "
    "largest score before np.exp. Both gradients are 'probability minus target, divided by n'. "
    "MSE: np.mean of the squared differences; its gradient is 2 * difference / number of elements.",
    "binary_cross_entropy: `float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))`; "
    "its grad: `(sigmoid(z) - y) / z.size`. cross_entropy: `m = z.max(axis=1, keepdims=True)`, "
    "`log_p = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))`, "
    "`float(-np.mean(log_p[np.arange(n), labels]))`; its grad: `p = softmax(z, axis=1)`, "
    "`p[np.arange(n), labels] -= 1`, `return p / n`. mse: `float(np.mean((pred - target) ** 2))`; "
    "mse_grad: `2 * (pred - target) / pred.size`.",
]
