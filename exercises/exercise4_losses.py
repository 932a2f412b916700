"""Exercise 4: Output layers and losses

A network's last layer produces raw scores, called "logits": any real
numbers, one per example (or one per class and example). The output layer
turns them into an answer, and a loss measures how wrong that answer is. You
will build the three pairings the big question of these exercises compares
("ReLU hidden + sigmoid output, or softmax hidden + linear output: same
result?"):

1. Sigmoid + binary cross-entropy (BCE), for yes/no answers. With
   p = sigmoid(z) the probability of "yes" and y the true answer (0 or 1),
   the loss of one example is -[y * log(p) + (1 - y) * log(1 - p)]: small
   when p is close to y, large when the network is confidently wrong.
2. Softmax + cross-entropy (CE), for one class out of k. With p = softmax(z)
   and the true class c, the loss of one example is -log(p_c).
3. No activation ("linear" output) + mean squared error (MSE): the outputs
   are used as they are, and the loss is the average squared difference
   from the targets.

Batches and means. Every loss here is the mean over the batch: add up the
losses of the n examples and divide by n. Every gradient is the gradient of
that mean, so it is divided by n too. Forgetting the 1/n is a common mistake:
the grader checks for it.

The beautiful part. For sigmoid + BCE, the gradient of one example's loss
with respect to its logit z is simply p - y. For softmax + CE it is p minus
the "one-hot" vector of the true class (a vector of k zeros with a single 1
at position c). With the mean over the batch, divide by n:

    BCE: (sigmoid(z) - y) / n          CE: (softmax(z) - onehot) / n

The log in the loss cancels the flat tails of the sigmoid or softmax, so the
gradient stays large whenever the network is confidently wrong: the output
layer does not saturate. For linear + MSE the gradient is
2 * (pred - target) / (number of elements); it does not saturate either, but
the outputs are not probabilities (they can be below 0 or above 1).

Computing the losses safely. log(sigmoid(z)) and log(softmax(z)) become
log(0) = -inf for scores like -1e4. Instead compute the losses straight from
the logits, with the stable formulas in each docstring.

What the grader checks:

- Losses return a Python float (use float(...)); gradients return an array
  with the shape of the logits (or predictions).
- No function changes the arrays it receives.
- No overflow warning and no inf or nan for logits up to |z| <= 1e4.
- Gradients are compared with finite differences of your own loss.
- Batches have n > 1 rows and k != n, so a missing 1/n cannot hide.
"""

import numpy as np

from exercise2_sigmoid import sigmoid
from exercise3_softmax import softmax


def binary_cross_entropy(logits, y):
    """Return the mean binary cross-entropy of sigmoid(logits) against y.

    Formula: the loss of one example is -[y*log(p) + (1-y)*log(1-p)] with
    p = sigmoid(z). Rewritten with the logit z only, so that nothing
    overflows and no log(0) appears, it is

        max(z, 0) - z * y + log(1 + exp(-|z|))

    and the result is the mean of that over the n examples.

    Shapes: logits (n,) floats; y (n,) with values 0 or 1. Returns a Python
    float.

    Convention: a mean, not a sum. Do not modify logits or y. No warning for
    |z| <= 1e4. y must have the same shape as logits: an (n, 1) y would be
    broadcast against an (n,) logits into an (n, n) array without any error.

    Worked example: logits = [2.0, -1.0, 0.0], y = [1, 0, 1].
    Example 1: max(2, 0) - 2*1 + log(1 + exp(-2)) = 0 + 0.1269 = 0.1269.
    Example 2: max(-1, 0) - (-1)*0 + log(1 + exp(-1)) = 0.3133.
    Example 3: 0 - 0 + log(1 + 1) = 0.6931.
    Mean: (0.1269 + 0.3133 + 0.6931) / 3 = 0.3778.

    >>> z = np.array([2.0, -1.0, 0.0])
    >>> round(binary_cross_entropy(z, np.array([1, 0, 1])), 4)
    0.3778

    NumPy tip: np.maximum(z, 0), np.abs(z) and np.log1p(t), which computes
    log(1 + t) accurately even when t is tiny; then float(np.mean(...)).
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write binary_cross_entropy here")


def binary_cross_entropy_grad(logits, y):
    """Return the gradient of the mean BCE with respect to the logits.

    Formula: (sigmoid(z) - y) / n, where n is the number of examples. The
    sigmoid's slope and the log in the loss cancel out, leaving p - y per
    example; the 1/n comes from taking the mean.

    Shapes: logits (n,) floats; y (n,) with values 0 or 1. Returns an array
    of shape (n,).

    Convention: the gradient of the mean loss (divide by n). Do not modify
    logits or y.

    Worked example: logits = [2.0, -1.0, 0.0], y = [1, 0, 1], n = 3.
    sigmoid(logits) is about [0.8808, 0.2689, 0.5], minus y gives
    [-0.1192, 0.2689, -0.5], divided by 3 gives [-0.0397, 0.0896, -0.1667].
    The third example is the most wrong, so it gets the largest push.

    >>> z = np.array([2.0, -1.0, 0.0])
    >>> binary_cross_entropy_grad(z, np.array([1, 0, 1]))
    array([-0.03973431,  0.08964714, -0.16666667])

    NumPy tip: reuse sigmoid from exercise 2 (already imported above);
    logits.size or len(logits) gives n.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write binary_cross_entropy_grad here")


def cross_entropy(logits, labels):
    """Return the mean cross-entropy of softmax(logits) against integer labels.

    Formula: for one row z with true class c, the loss is -log(softmax(z)_c)
    = log(sum_j exp(z_j)) - z_c. The first term ("log-sum-exp") is computed
    safely by shifting with the row's largest score m:

        log(sum_j exp(z_j)) = m + log(sum_j exp(z_j - m))

    The result is the mean of the row losses.

    Shapes: logits (n, k) floats, one row per example and one column per
    class; labels (n,) integers from 0 to k - 1. Returns a Python float.

    Convention: a mean over the n rows. labels are class numbers, not one-hot
    rows. Do not modify logits or labels. No warning for |z| <= 1e4.

    Worked example: logits = [[2.0, 1.0, 0.0], [0.0, 0.0, 0.0]],
    labels = [0, 2].
    Row 1: log(e^2 + e^1 + e^0) - 2 = log(11.107) - 2 = 2.4076 - 2 = 0.4076.
    Row 2: log(1 + 1 + 1) - 0 = log(3) = 1.0986 (three equal scores: each
    class gets probability 1/3).
    Mean: (0.4076 + 1.0986) / 2 = 0.7531.

    >>> z = np.array([[2.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    >>> round(cross_entropy(z, np.array([0, 2])), 4)
    0.7531

    NumPy tip: keepdims=True keeps each row's max as a column, shape (n, 1),
    so that it lines up with the rows. To pick one entry per row, index with
    two arrays: a[rows, cols] is the array of a[rows[i], cols[i]]; with rows
    0, 1, ..., n - 1 (np.arange(n)) and the labels as columns, that is each
    row's score of its true class.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write cross_entropy here")


def cross_entropy_grad(logits, labels):
    """Return the gradient of the mean cross-entropy with respect to the logits.

    Formula: (softmax(z) - onehot(labels)) / n, where onehot(labels)[r, c] is
    1 when c == labels[r] and 0 otherwise, and n is the number of rows.

    Shapes: logits (n, k) floats; labels (n,) integers from 0 to k - 1.
    Returns an array of shape (n, k).

    Convention: the gradient of the mean loss (divide by n, the number of
    rows, not by n * k). Do not modify logits or labels.

    Worked example: logits = [[2.0, 1.0, 0.0], [0.0, 0.0, 0.0]],
    labels = [0, 2], n = 2. softmax gives about [0.6652, 0.2447, 0.0900] and
    [0.3333, 0.3333, 0.3333]; the one-hot rows are [1, 0, 0] and [0, 0, 1].
    Subtracting and dividing by 2 gives about
    [[-0.1674, 0.1224, 0.0450], [0.1667, 0.1667, -0.3333]].
    Each row sums to 0: raising the true class's score lowers the others.

    >>> z = np.array([[2.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    >>> cross_entropy_grad(z, np.array([0, 2]))
    array([[-0.16737952,  0.12236424,  0.04501529],
           [ 0.16666667,  0.16666667, -0.33333333]])

    NumPy tip: reuse softmax from exercise 3 (already imported above), along
    each row. A one-hot array is an array of zeros of the shape of the logits
    with a 1 put in each row at the column of its label: the same indexing
    with two arrays as in cross_entropy can write into it.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write cross_entropy_grad here")


def mse(pred, target):
    """Return the mean squared error between pred and target.

    Formula: the mean of (pred - target) ** 2 over all elements.

    Shapes: pred and target have the same shape, for example (n, k). Returns
    a Python float.

    Convention: the mean over every element (n * k of them for an (n, k)
    array), not only over the rows. Do not modify pred or target.

    Worked example: pred = [[1.0, 2.0], [3.0, 4.0]],
    target = [[1.0, 0.0], [3.0, 5.0]]. The differences are [[0, 2], [0, -1]],
    their squares [[0, 4], [0, 1]], and the mean of those 4 numbers is
    5 / 4 = 1.25.

    >>> pred = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> mse(pred, np.array([[1.0, 0.0], [3.0, 5.0]]))
    1.25

    NumPy tip: np.mean(...) with no axis averages over every element; wrap
    the result in float(...).
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write mse here")


def mse_grad(pred, target):
    """Return the gradient of the mean squared error with respect to pred.

    Formula: 2 * (pred - target) / pred.size, where pred.size is the number
    of elements (n * k for an (n, k) array). The 2 comes from the square, the
    1 / pred.size from the mean.

    Shapes: pred and target have the same shape; the result has that shape.

    Convention: the gradient of the mean over all elements. Do not modify
    pred or target.

    Worked example: pred = [[1.0, 2.0], [3.0, 4.0]],
    target = [[1.0, 0.0], [3.0, 5.0]], 4 elements. The differences are
    [[0, 2], [0, -1]]; times 2 and divided by 4 gives [[0, 1], [0, -0.5]].

    >>> pred = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> mse_grad(pred, np.array([[1.0, 0.0], [3.0, 5.0]]))
    array([[ 0. ,  1. ],
           [ 0. , -0.5]])

    NumPy tip: pred.size is the total number of elements of an array.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write mse_grad here")
