"""The three progressive hints of `actgrade hint exercise3`, from a nudge to nearly the answer.

Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = [
    "Softmax turns scores into positive numbers that add up to 1: take exp of every score, then divide by "
    "their sum. In a batch (one example per row) each row is done on its own. The Jacobian is the table "
    "of slopes dS_i / dz_j = S_i * (delta_ij - S_j); try it by hand on z = [0, 0]: S = [0.5, 0.5] and "
    "J = [[0.25, -0.25], [-0.25, 0.25]].",
    "Before exp, subtract each row's largest score: z.max(axis=axis, keepdims=True). It changes nothing in "
    "the result and keeps exp from overflowing. Sum with e.sum(axis=axis, keepdims=True), so the sums line "
    "up with the rows when you divide. For the Jacobian, compute S = softmax(z) once: the diagonal part is "
    "S_i times the identity matrix np.eye(k), and the rest is the product of every S_i with every S_j.",
    "softmax: `e = np.exp(z - z.max(axis=axis, keepdims=True))`, then "
    "`return e / e.sum(axis=axis, keepdims=True)`. softmax_jacobian: `s = softmax(z)`, `k = s.shape[-1]`, "
    "`return s[..., :, None] * (np.eye(k) - s[..., None, :])` (the `...` makes one line work for a single "
    "row and for a batch).",
]
