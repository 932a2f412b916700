"""Checks of softmax_jacobian: values, batches, and agreement with the slopes of the learner's own softmax."""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import CheckFailed, Context, NotStarted, Submission, check, fail
from actgrade.checks.expect import array_text, explained_call, float_array, mismatch, tolerances
from actgrade.numbers import number_text

from .common import AXIS_KEYWORD, FD_RTOL, JACOBIAN_ERRORS, H
from .helpers import close, jacobian_of, ref_softmax, scores, z_text

# -- softmax_jacobian -------------------------------------------------------------------------

def compare_jacobian(sub: Submission, ctx: Context, z: np.ndarray) -> np.ndarray:
    """Call softmax_jacobian(z) and fail with the most precise hint when anything is off."""
    call = "softmax_jacobian(z)"
    advice = JACOBIAN_ERRORS if z.ndim >= 2 else (AXIS_KEYWORD,)
    got = float_array(explained_call(sub, "softmax_jacobian", z, advice=advice), call)
    z64 = z.astype(np.float64)
    s = ref_softmax(ctx, z64)
    want = np.asarray(ctx.ref.softmax_jacobian(z64), dtype=np.float64)
    rtol, atol = tolerances(z.dtype)
    if got.shape != want.shape:
        jacobian_shape_failure(z, got, s, want.shape, rtol, atol)
    if not np.all(np.isfinite(got)):
        index = tuple(np.argwhere(~np.isfinite(got))[0])
        fail("derivative", f"{row_text(z, s, index)} your {call} has {number_text(got[index])} at "
             f"{entry_text(index)}. nan means 'not a number': check that your softmax of these scores "
             "is finite, then compute J from S = softmax(z) only.")
    where = mismatch(got, want, rtol, atol)
    if where is not None:
        jacobian_wrong(sub, ctx, z, got, want, s, where, rtol, atol)
    return got


def row_text(z: np.ndarray, s: np.ndarray, index: tuple) -> str:
    """`For z = [...] (S = softmax(z) = [...]),` or the same for row r of a batch."""
    if z.ndim == 1:
        return f"For z = {z_text(z)} (S = softmax(z) = {array_text(s, digits=4)}),"
    r = int(index[0])
    return f"For row {r} of z, {z_text(z[r])} (S = {array_text(s[r], digits=4)}),"


def entry_text(index: tuple) -> str:
    return f"J[{', '.join(str(int(i)) for i in index)}]"


def jacobian_shape_failure(z: np.ndarray, got: np.ndarray, s: np.ndarray, want: tuple,
                           rtol: float, atol: float) -> None:
    k = z.shape[-1]
    if got.shape == z.shape and close(got, s * (1 - s), rtol, atol):
        fail("derivative", f"For z of shape {z.shape} your softmax_jacobian returned S * (1 - S), one number per "
             f"score: only the diagonal of the Jacobian. The Jacobian is a whole ({k}, {k}) table per row: "
             "every output S_i depends on every score z_j, because raising one score lowers the share of all "
             "the others, so off the diagonal J_ij = -S_i * S_j. Build the table with np.eye(k) for delta_ij.")
    if z.ndim == 1:
        fail("shape", f"For z of shape {z.shape} (one row of {k} scores) softmax_jacobian must return a "
             f"({k}, {k}) table, entry [i, j] being the slope of output S_i when score z_j moves; yours has "
             f"shape {got.shape}. np.diag(S) - np.outer(S, S) has that shape.")
    n = z.shape[0]
    if got.shape == (n * k, n * k):
        advice = ("np.diagflat and np.outer treat the whole batch as one long list of n * k scores, so your "
                  "single table mixes different examples.")
    elif got.shape == (k, k):
        advice = "You returned a single table for the whole batch (did you sum or average over the rows?)."
    else:
        advice = "Each row of z is one example and needs its own Jacobian."
    fail("shape", f"For a batch z of shape {z.shape}, softmax_jacobian must return shape {want}, one "
         f"({k}, {k}) Jacobian per row; yours has shape {got.shape}. {advice} Use broadcasting: "
         "S[..., :, None] has shape (n, k, 1) and S[..., None, :] has shape (n, 1, k), so their product holds "
         "every S_i * S_j of every row, and np.eye(k) supplies delta_ij.")


def jacobian_wrong(sub: Submission, ctx: Context, z: np.ndarray, got: np.ndarray, want: np.ndarray,
                   s: np.ndarray, where: tuple, rtol: float, atol: float) -> None:
    """Fail for wrong Jacobian values with the mistake they reveal."""
    i, j = int(where[-2]), int(where[-1])
    delta = 1 if i == j else 0
    head = (f"{row_text(z, s, where)} your {entry_text(where)} is {number_text(got[where])}, but "
            f"S_{i} * ({delta} - S_{j}) = {number_text(want[where])}.")
    k = z.shape[-1]
    eye = np.eye(k)
    s_i, s_j = s[..., :, None], s[..., None, :]
    z64 = z.astype(np.float64)
    patterns = [
        (-s_i * s_j, "Your entries are -S_i * S_j everywhere, so the diagonal is missing its S_i term: "
                     "J_ii = S_i * (1 - S_i). The delta_ij in S_i * (delta_ij - S_j) is 1 on the diagonal: add "
                     "S_i there (np.diag(S) for one row, S[..., :, None] * np.eye(k) for any shape)."),
        (eye * (s_i * (1 - s_i)), "Only your diagonal is right: off the diagonal the entries must be "
                                  "-S_i * S_j, not 0. Every output S_i depends on every score z_j, because "
                                  "raising one score lowers the share of all the others."),
        (s_i * (1 - s_j), "Your entries are S_i * (1 - S_j) everywhere: right on the diagonal, but delta_ij is "
                          "0 off the diagonal, where J_ij = -S_i * S_j. Use the identity matrix np.eye(k) "
                          "for delta_ij."),
        (s_j * (eye - s_j), "Your J_ij is S_j * (delta_ij - S_j): the first factor must be S_i, the output of "
                            "the row you are in. s * (np.eye(k) - s) multiplies each column by S_j; write "
                            "s[..., :, None] to multiply each row by S_i (a right Jacobian is symmetric, "
                            "yours is not)."),
        (-jacobian_of(s), "Your signs are flipped: J_ij = S_i * (delta_ij - S_j), so the diagonal "
                          "S_i * (1 - S_i) is positive and every other entry negative."),
        (jacobian_of(z64), "You applied the formula to the scores z instead of the softmax outputs: compute "
                           "S = softmax(z) first, then J_ij = S_i * (delta_ij - S_j)."),
    ]
    for pattern, advice in patterns:
        if close(got, pattern, rtol, atol):
            fail("derivative", f"{head} {advice}")
    if z.ndim == 2 and close(got, jacobian_of(ref_softmax(ctx, z64, axis=0)), rtol, atol):
        fail("axis", f"{head} Your Jacobians are built from softmax(z, axis=0), in which each column sums to "
             "1. Each row of z is one example: use S = softmax(z) with the default axis=-1, the last axis.")
    own = own_softmax(sub, z)
    if own is not None and not close(own, s, rtol, atol):
        fail("derivative", f"{head} Your softmax itself gives wrong values for these scores (the checks "
             "of softmax say how), and the Jacobian is built from it: fix softmax first.")
    asymmetry = np.abs(got - np.swapaxes(got, -1, -2))
    row_sums = got.sum(axis=-1)
    if asymmetry.max() > 1e-9:
        a = np.unravel_index(int(np.argmax(asymmetry)), got.shape)
        b = (*a[:-2], a[-1], a[-2])
        fact = (f"Your table is not symmetric: {entry_text(a)} = {number_text(got[a])} but {entry_text(b)} = "
                f"{number_text(got[b])}, while S_i * (0 - S_j) = S_j * (0 - S_i).")
    elif np.abs(row_sums).max() > 1e-9:
        fact = (f"The rows of your table sum to {number_text(row_sums.reshape(-1)[np.argmax(np.abs(row_sums))])} "
                "instead of 0 (the outputs always add up to 1, so no change of a score can change their total).")
    elif np.abs(got).max() > 0.25 + 1e-9:
        fact = (f"Your largest entry is {number_text(np.abs(got).max())} in size, but no entry of a softmax "
                "Jacobian can exceed 0.25.")
    else:
        fact = "Check the formula by hand on z = [0, 0]: S = [0.5, 0.5] and J = [[0.25, -0.25], [-0.25, 0.25]]."
    fail("derivative", f"{head} {fact} On the diagonal J_ii = S_i * (1 - S_i); elsewhere J_ij = -S_i * S_j.")


def own_softmax(sub: Submission, z: np.ndarray) -> np.ndarray | None:
    """The learner's softmax of z, or None when it cannot be had."""
    try:
        value = sub.softmax(z)
    except (CheckFailed, NotStarted):
        return None
    array = np.asarray(value) if not isinstance(value, (list, tuple)) else None
    return array if array is not None and array.dtype.kind == "f" and array.shape == z.shape else None


def shrinking_text(pair: np.ndarray, wide: np.ndarray) -> str:
    diagonal = np.diagonal(wide)
    return (
        f"Your Jacobian is right. For z = [0, 0] its largest entry is {number_text(np.abs(pair).max(), 3)} "
        "= 0.5 * (1 - 0.5), the most any softmax Jacobian entry can be (it needs S_i = 0.5). With more scores "
        f"every share is smaller: for 32 random scores your largest entry is {number_text(np.abs(wide).max(), 2)} "
        f"and a typical diagonal entry {number_text(np.median(diagonal), 2)}. The gradient flowing back "
        "through a softmax layer is multiplied by this table, so, like the sigmoid (whose slope is at most "
        "0.25), a softmax in a hidden layer shrinks the gradient at every layer, and almost stops it once one "
        "score dominates (then every S_i is near 0 or 1: saturation). Exercise 7 measures what this does to "
        "training."
    )


@check(points=2)
def jacobian_values(sub: Submission, ctx: Context) -> None:
    """softmax_jacobian(z) of one row is the (k, k) table J_ij = S_i (delta_ij - S_j)"""
    compare_jacobian(sub, ctx, scores(ctx, (5,), scale=1.5))
    pair = compare_jacobian(sub, ctx, np.array([0.0, 0.0]))
    compare_jacobian(sub, ctx, np.array([1.0, 1.0, 1.0]))
    compare_jacobian(sub, ctx, np.array([3.0]))
    compare_jacobian(sub, ctx, scores(ctx, (4,), dtype=np.float32))
    wide = compare_jacobian(sub, ctx, scores(ctx, (32,), scale=1.0))
    ctx.note("saturation", shrinking_text(pair, wide))


@check(points=2)
def jacobian_batch(sub: Submission, ctx: Context) -> None:
    """A batch z of shape (n, k) gives shape (n, k, k): one Jacobian per row"""
    compare_jacobian(sub, ctx, scores(ctx, (4, 6), scale=1.5))
    compare_jacobian(sub, ctx, scores(ctx, (1, 5), scale=1.5))
    compare_jacobian(sub, ctx, scores(ctx, (3, 1)))
    compare_jacobian(sub, ctx, np.array([[0.0, 0.0, 0.0], [1.0, 1.0, -1.0]]))


@check(points=1)
def jacobian_matches_slope(sub: Submission, ctx: Context) -> None:
    """softmax_jacobian agrees with the slopes measured on your own softmax (finite differences)"""
    k = 5
    z = scores(ctx, (k,), scale=1.5)
    slope = np.empty((k, k))
    for j in range(k):
        step = np.zeros(k)
        step[j] = H
        up = float_array(explained_call(sub, "softmax", z + step), "softmax(z + h)", (k,))
        down = float_array(explained_call(sub, "softmax", z - step), "softmax(z - h)", (k,))
        slope[:, j] = (up.astype(np.float64) - down) / (2 * H)
    got = float_array(explained_call(sub, "softmax_jacobian", z, advice=(AXIS_KEYWORD,)), "softmax_jacobian(z)")
    if got.shape != (k, k):
        jacobian_shape_failure(z, got, ref_softmax(ctx, z), (k, k), *tolerances(z.dtype))
    where = mismatch(got, slope, FD_RTOL, 1e-9)
    if where is None:
        return
    i, j = (int(v) for v in where)
    own = own_softmax(sub, z)
    if own is not None and not close(own, ref_softmax(ctx, z), *tolerances(z.dtype)):
        advice = ("Your softmax itself is off for these scores (the checks of softmax say how), and the slopes "
                  "are measured on it: fix softmax first.")
    else:
        advice = ("The Jacobian must describe the function you wrote: J[i, j] is the slope of output S_i when "
                  "score z_j alone moves.")
    fail("derivative", f"For z = {array_text(z)} your J[{i}, {j}] is {number_text(got[where], 9)}, but the slope "
         f"measured on your softmax, (softmax(z + h)[{i}] - softmax(z - h)[{i}]) / (2h) with h = 1e-5 added to "
         f"z[{j}] only, is {number_text(slope[where], 9)} (they must agree to 6 digits). {advice}")
