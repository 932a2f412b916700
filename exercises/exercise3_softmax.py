"""Exercise 3: Softmax and its Jacobian

Softmax turns a list of k scores into k probabilities that are all positive
and add up to 1:

    softmax(z)_i = exp(z_i) / (exp(z_1) + exp(z_2) + ... + exp(z_k))

The largest score gets the largest share. It is the usual output of a network
that picks one class out of k. The big question of these exercises is what
happens when it is used in a hidden layer instead ("softmax hidden + linear
output, or ReLU hidden + sigmoid output: same result?").

Computing it safely. exp(1000) is too large for a float (NumPy returns inf
with an overflow warning, and inf / inf is nan). The fix: subtract the largest
score from every score before calling exp. Subtracting the same number c from
every z_i multiplies the top and the bottom of the fraction by exp(-c), so the
result does not change. After the shift the largest score is 0, so every exp
is between 0 and 1 and the sum is at least 1: no overflow and no division by 0.

The Jacobian. Every output S_i depends on every input z_j. The Jacobian is the
k x k table of all these slopes, J_ij = dS_i / dz_j:

    J_ij = S_i * (delta_ij - S_j)

where delta_ij is 1 when i == j and 0 otherwise (the identity matrix). So the
diagonal holds S_i * (1 - S_i), the same shape of formula as the sigmoid's
derivative, and everything off the diagonal is -S_i * S_j. Three facts to
check your answer with: J is symmetric (J_ij == J_ji); each row sums to 0
(the outputs always add up to 1, so no change of z can change their total);
and no entry is larger than 0.25 in size (0.25 is reached on the diagonal when
S_i = 0.5). So, like a sigmoid, a softmax layer can only shrink the gradient
that flows back through it, and with many units, where each S_i is small,
it shrinks it a lot. Exercise 7 measures what this does to training.

Batches. A batch of n examples is an array of shape (n, k), one row per
example. softmax works on each row separately (axis=-1, the last axis, by
default), and softmax_jacobian returns one (k, k) Jacobian per row.

What the grader checks:

- 1-D input (k,) and 2-D input (n, k); the result has the input's shape and a
  floating-point dtype (float32 in may give float32 out).
- Each slice along `axis` sums to 1; adding a constant to every score along
  `axis` changes nothing.
- Neither function changes the array it receives.
- No overflow warning and no inf or nan for scores up to |z| <= 1e4.
- No Python loops over the rows or the elements.
"""

import numpy as np


def softmax(z, axis=-1):
    """Return the softmax of z along `axis`, computed without overflow.

    Formula: S = exp(z - m) / sum(exp(z - m)), where m is the largest score
    in the same slice (row, for a 2-D z with axis=-1) and the sum runs along
    `axis`. Subtracting m does not change the result; it only avoids overflow.

    Shapes: z has shape (k,) or (n, k). The result has the same shape; every
    slice along `axis` sums to 1.

    Convention: axis=-1 (the default) means the last axis: for a batch of
    shape (n, k) that is each row. Do not modify z.

    Worked example: z = [1.0, 2.0, 3.0]. The largest score is 3, so the
    shifted scores are [-2, -1, 0] and their exps are about
    [0.1353, 0.3679, 1.0], which add up to 1.5032. Dividing gives about
    [0.0900, 0.2447, 0.6652], which adds up to 1. z = [1001, 1002, 1003]
    gives the same answer, without overflow.

    >>> softmax(np.array([1.0, 2.0, 3.0]))
    array([0.09003057, 0.24472847, 0.66524096])

    NumPy tip: a max or a sum along an axis removes that axis: for an (n, k)
    batch it gives n numbers, which do not line up with the (n, k) array when
    you subtract or divide. The keepdims=True option keeps the axis with
    length 1, shape (n, 1), and then broadcasting pairs each row with its own
    number.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write softmax here")


def softmax_jacobian(z):
    """Return the Jacobian of softmax: J_ij = S_i * (delta_ij - S_j).

    Formula: with S = softmax(z), J_ij = dS_i / dz_j = S_i * (delta_ij - S_j),
    where delta_ij is 1 if i == j and 0 otherwise. In matrix form:
    J = diag(S) - outer(S, S).

    Shapes: z of shape (k,) gives J of shape (k, k). z of shape (n, k) (a
    batch, softmax along the last axis) gives shape (n, k, k): J[r] is the
    Jacobian of row r.

    Convention: J is symmetric, each of its rows sums to 0, and no entry is
    larger than 0.25 in size. Do not modify z. No Python loop over the rows.

    Worked example: z = [0.0, 0.0] gives S = [0.5, 0.5], so
    J_11 = 0.5 * (1 - 0.5) = 0.25, J_12 = 0.5 * (0 - 0.5) = -0.25, and the
    same for the second row:

    >>> softmax_jacobian(np.array([0.0, 0.0]))
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])

    NumPy tip: np.diag and np.outer work for one row only: np.outer flattens
    a batch into one long vector, and np.diag of a 2-D array extracts its
    diagonal instead of building a matrix. For a batch, think in shapes: you
    need an (n, k, k) array whose entry [r, i, j] is S[r, i] * (delta_ij -
    S[r, j]). Indexing with None inserts an axis of length 1, so an (n, k)
    array can be viewed as (n, k, 1) or as (n, 1, k), and broadcasting then
    pairs every i with every j; np.eye(k) holds delta_ij.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write softmax_jacobian here")
