"""Exercise 3's shared constants and advice texts."""

from __future__ import annotations

BIG = 1e4  # the contract: no overflow for |z| <= 1e4
H = 1e-5  # the finite-difference step of the contract
FD_RTOL = 1e-6  # largest relative error between the Jacobian and finite differences
SPEED_ROWS = 100_000  # rows of 2 scores for the wall-clock backstop (a loop inside C)

KEEPDIMS_ADVICE = (
    "A max or sum along one axis removes that axis: for a batch of shape (n, k), e.sum(axis=-1) has shape "
    "(n,), which does not line up with (n, k). Add keepdims=True (shape (n, 1)) to both the max and the "
    "sum, so that each row is divided by its own sum."
)
AXIS_KEYWORD = (
    "unexpected keyword argument 'axis'", "axis",
    "softmax is called as softmax(z, axis=0) (by the grader, and by code such as softmax_jacobian), so your "
    "def line needs a parameter named exactly `axis`, with the default -1: def softmax(z, axis=-1).",
)
SOFTMAX_ERRORS = (AXIS_KEYWORD, ("could not be broadcast", "shape", KEEPDIMS_ADVICE))
BATCH_JACOBIAN_ADVICE = (
    "np.diag and np.outer work on a single row only: on a batch S of shape (n, k), np.outer flattens S into "
    "one vector of n * k numbers (an (n*k, n*k) result), and np.diag of a 2-D array extracts its diagonal "
    "(a short vector) instead of building a matrix, so the two no longer fit together. For a batch, softmax_jacobian "
    "must build one (k, k) table per row, shape (n, k, k): use broadcasting. S[..., :, None] has shape "
    "(n, k, 1) and S[..., None, :] has shape (n, 1, k), so their product holds every S_i * S_j of every row, "
    "and np.eye(k) supplies delta_ij."
)
JACOBIAN_ERRORS = (
    AXIS_KEYWORD,
    ("outer(", "shape", BATCH_JACOBIAN_ADVICE),
    ("diag(", "shape", BATCH_JACOBIAN_ADVICE),
    ("diagflat(", "shape", BATCH_JACOBIAN_ADVICE),
    ("could not be broadcast", "shape", KEEPDIMS_ADVICE),
)
SOFTMAX_LOOP_ADVICE = (
    "A Python loop over the entries is slow: np.exp works on the whole array at once, and "
    "z.max(axis=axis, keepdims=True) and e.sum(axis=axis, keepdims=True) give every row's largest "
    "score and total in one call each."
)
SOFTMAX_ROW_LOOP_NOTE = (
    "NumPy can do every row in one go, which matters for big batches: z.max(axis=axis, keepdims=True) "
    "and e.sum(axis=axis, keepdims=True) give each row's largest score and total as a column of shape "
    "(n, 1), which lines up with the rows when you subtract or divide."
)
JACOBIAN_LOOP_ADVICE = (
    "A Python loop over the entries is slow: build the Jacobians with broadcasting. "
    "S[..., :, None] * S[..., None, :] holds every product S_i * S_j, and np.eye(k) supplies delta_ij."
)
JACOBIAN_ROW_LOOP_NOTE = (
    "broadcasting builds all the Jacobians of a batch at once: S[..., :, None] * S[..., None, :] has "
    "shape (n, k, k) and holds every product S_i * S_j of every row, and np.eye(k) supplies delta_ij."
)
