"""The progressive hints of `actgrade hint`, three levels per function, from a nudge to the method
spelled out (never code to paste). `actgrade hint` starts with the function of the check that failed
last. Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = {
    "binary_cross_entropy": [
        "The loss of one example is -[y log(p) + (1 - y) log(1 - p)] with p = sigmoid(z), and the result is the "
        "mean over the batch. Never compute p first and then its log: for a logit like 1e4, p rounds to exactly "
        "1.0 and log(1 - p) is log(0).",
        "Use the docstring's rewritten formula, which needs only the logits: max(z, 0) - z * y + log(1 + exp(-|z|)). "
        "NumPy has every piece: an element-by-element maximum, the absolute value, and log1p(t) = log(1 + t), "
        "accurate for tiny t. Then the mean, returned as a Python float.",
        "Per example: the element-by-element maximum of z and 0, minus z times y, plus log1p of exp of minus |z|. "
        "exp(-|z|) is between 0 and 1, so nothing overflows and no log(0) appears. Do not add a small epsilon "
        "inside the log or clip p instead: that changes the loss (an epsilon of 1e-5 caps every example's loss at "
        "-log(1e-5) = 11.5). Return the mean of the per-example losses, wrapped in float().",
    ],
    "binary_cross_entropy_grad": [
        "The gradient of the mean BCE with respect to each logit is (sigmoid(z) - y) / n: the prediction minus "
        "the target, shared over the n examples.",
        "Reuse the sigmoid of exercise 2 (it is stable), subtract y, and divide by the number of examples, the "
        "number of logits.",
        "Three steps on whole arrays: p = the sigmoid of the logits; p minus y, in this order (the gradient points "
        "uphill; gradient descent then steps the other way); divided by n, the number of logits. Do not multiply "
        "by the sigmoid's slope: the log in the loss has cancelled it.",
    ],
    "cross_entropy": [
        "For a row z whose true class is c the loss is -log(softmax(z)_c) = log(sum_j exp(z_j)) - z_c, and the "
        "result is the mean over the rows. Work the docstring's two rows by hand first.",
        "Compute the log of the sum of exps safely: with m the row's largest score it is m + log(sum_j exp(z_j - m)). "
        "Pick each row's score of its true class with two index arrays: the row numbers 0..n-1 and the labels.",
        "Step 1: m = each row's max, kept as a column (keepdims). Step 2: each row's log-sum-exp, m plus the log of "
        "the row's sum of exp(z - m). Step 3: each row's score of its true class, indexing with np.arange(n) and "
        "the labels. Step 4: the mean over the rows of (log-sum-exp minus that score), as a float. No probability "
        "is computed, so no log(0) can appear.",
    ],
    "cross_entropy_grad": [
        "The gradient is (softmax(z) - onehot(labels)) / n: each row's probabilities minus a row that holds a "
        "single 1 at the true class, divided by the number of rows.",
        "Reuse the softmax of exercise 3 along each row. Build the one-hot rows as zeros of the logits' shape with "
        "a 1 written in each row at the column of its label (index with two arrays to write them all at once).",
        "Step 1: p = the softmax of the logits along axis 1. Step 2: a new array of zeros shaped like p, with 1.0 "
        "written at the positions given by the row numbers np.arange(n) and the labels. Step 3: p minus the "
        "one-hot array, divided by n, the number of rows (not by n * k).",
    ],
    "mse": [
        "MSE is the average of the squared differences between pred and target, over every element (n * k of them "
        "for an (n, k) array).",
        "Subtract, square element by element, and take the mean over everything (NumPy's mean without an axis); "
        "return a Python float.",
        "The difference pred - target, squared, then the mean with no axis argument (an axis would average along "
        "one direction only), wrapped in float().",
    ],
    "mse_grad": [
        "The gradient of the mean of (pred - target)**2 is 2 * (pred - target) / (the number of elements): the 2 "
        "comes from the square, the division from the mean.",
        "An array's .size is its number of elements (n * k for an (n, k) array): divide by it, not by the number "
        "of rows.",
        "Twice the difference pred - target (in this order), divided by the total number of elements of pred. "
        "Return a new array of pred's shape; do not write into pred or target.",
    ],
}
