"""The progressive hints of `actgrade hint`, three levels per function, from a nudge to the method
spelled out (never code to paste). `actgrade hint` starts with the function of the check that failed
last. Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = {
    "softmax": [
        "Softmax turns the k scores of a row into k positive numbers that add up to 1: exp of every score, divided "
        "by the sum of those exps. In a batch (one example per row, axis=-1) each row is done on its own. By hand, "
        "z = [1, 2, 3] gives about [0.090, 0.245, 0.665].",
        "Before exp, subtract from each row its own largest score: that changes nothing in the result (the factor "
        "cancels between top and bottom) and keeps exp from overflowing. Take the max and the sum along `axis` "
        "with keepdims=True, so that they line up with the rows when you subtract and divide.",
        "Step 1: the max of z along `axis`, keeping that axis (shape (n, 1) for an (n, k) batch). Step 2: exp of "
        "z minus that max; every value is now between 0 and 1, and the largest of each row is exactly 1. Step 3: "
        "divide by their sum along the same `axis`, again keeping the axis. Use `axis` in both the max and the "
        "sum, and never the max of the whole array: a row far below it would underflow to 0 / 0.",
    ],
    "softmax_jacobian": [
        "The Jacobian is the table of slopes dS_i / dz_j = S_i * (delta_ij - S_j), with S = softmax(z) and "
        "delta_ij = 1 when i == j, else 0. By hand on z = [0, 0]: S = [0.5, 0.5] and "
        "J = [[0.25, -0.25], [-0.25, 0.25]].",
        "Compute S = softmax(z) once. The table is S_i on the diagonal minus S_i * S_j everywhere. For one row "
        "that is a diagonal matrix minus an outer product; a batch of shape (n, k) needs one (k, k) table per row, "
        "shape (n, k, k), and np.diag and np.outer do not do batches (np.outer flattens, np.diag of a 2-D array "
        "extracts a diagonal).",
        "Build every product S_i * S_j of every row at once by broadcasting: view S as shape (n, k, 1) and as "
        "(n, 1, k) by indexing with None, and multiply them: shape (n, k, k). The identity matrix np.eye(k) holds "
        "delta_ij, so S_i times (identity minus S_j) is the whole formula. Put `...` in front of the indices and "
        "the same code also works for a single row of shape (k,).",
    ],
}
