"""Hidden tests for exercise 3: softmax and softmax_jacobian.

softmax is compared with the reference on 1-D and 2-D inputs along the default
axis and along axis=0 and axis=1, on edge cases (a single row, one class, ties,
float32) and on scores up to |z| = 1e4 (no warning, no inf or nan); its slices
must sum to 1 and ignore a constant added to them. The Jacobian is compared
with the reference for one row (k, k) and for batches (n, k, k), and with the
slopes measured on the learner's own softmax. A wrong result is matched
against the usual mistakes (the wrong axis, a missing shift, a shift by the
largest score of the whole array, a Jacobian without its diagonal term or with
only its diagonal, np.outer on a batch) so the hint names the one it finds.
"""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import CheckFailed, Context, NotStarted, Submission, check, fail
from actgrade.checks.expect import (
    array_text,
    explained_call,
    float_array,
    mismatch,
    number_text,
    overflow_warnings,
    tolerances,
    vectorised,
)

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
    "For a batch z of shape (n, k), softmax_jacobian must build one (k, k) table per row, shape (n, k, k). "
    "np.diag and np.outer only work on a single row (np.diag of a 2-D array takes its diagonal, np.outer "
    "flattens it). Use broadcasting instead: S[..., :, None] has shape (n, k, 1) and S[..., None, :] has "
    "shape (n, 1, k), so their product holds every S_i * S_j of every row, and np.eye(k) supplies delta_ij."
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


# -- helpers --------------------------------------------------------------------------------

def scores(ctx: Context, shape: tuple[int, ...], scale: float = 2.0, dtype=np.float64) -> np.ndarray:
    return ctx.rng.normal(scale=scale, size=shape).astype(dtype)


def ref_softmax(ctx: Context, z: np.ndarray, axis: int = -1) -> np.ndarray:
    """The reference's softmax, computed in float64 whatever the input's dtype."""
    return np.asarray(ctx.ref.softmax(np.asarray(z, dtype=np.float64), axis=axis), dtype=np.float64)


def jacobian_of(s: np.ndarray) -> np.ndarray:
    """J_ij = S_i (delta_ij - S_j) for every row of s (the formula, on given S)."""
    return s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])


def close(got: np.ndarray, want: np.ndarray, rtol: float, atol: float) -> bool:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.all(np.isclose(got, want, rtol=rtol, atol=atol)))


def unit(z: np.ndarray, along: int) -> str:
    """What one slice along `along` is called: a row, a column, or the whole list of scores."""
    if z.ndim < 2:
        return "list of scores"
    return "column" if along % z.ndim == 0 else "row"


def slice_at(z: np.ndarray, index: tuple, along: int) -> tuple[str, tuple]:
    """(`row 2 of z` / `column 1 of z` / `z`, the index of that slice) for the element `index`."""
    if z.ndim < 2:
        return "z", (slice(None),)
    if along % z.ndim == 0:
        return f"column {int(index[1])} of z", (slice(None), int(index[1]))
    return f"row {int(index[0])} of z", (int(index[0]), slice(None))


def named(name: str, values: np.ndarray) -> str:
    """`z = [1, 2]` for a whole 1-D z, `row 2 of z, [1, 2]` for a slice."""
    return f"{name} = {z_text(values)}" if name == "z" else f"{name}, {z_text(values)}"


def z_text(z: np.ndarray) -> str:
    return array_text(z) + (" (float32)" if z.dtype == np.float32 else "")


# -- softmax --------------------------------------------------------------------------------

def compare_softmax(sub: Submission, ctx: Context, z: np.ndarray, axis: int | None = None) -> np.ndarray:
    """Call softmax(z) (or softmax(z, axis=axis)) and fail with the most precise hint when anything is off."""
    kwargs = {} if axis is None else {"axis": axis}
    along = -1 if axis is None else axis
    call = "softmax(z)" if axis is None else f"softmax(z, axis={axis})"
    got = float_array(explained_call(sub, "softmax", z, advice=SOFTMAX_ERRORS, **kwargs), call, z.shape)
    warned = overflow_warnings(sub)
    want = ref_softmax(ctx, z, along)
    rtol, atol = tolerances(z.dtype)
    if warned or not np.all(np.isfinite(got)):
        softmax_overflow(z, got, want, along, warned, rtol, atol)
    where = mismatch(got, want, rtol, atol)
    if where is not None:
        softmax_wrong(ctx, z, got, want, along, axis, where, rtol, atol)
    return got


def softmax_overflow(z: np.ndarray, got: np.ndarray, want: np.ndarray, along: int, warned: list[str],
                     rtol: float, atol: float) -> None:
    """Fail for a softmax that warned or returned inf/nan, naming the cause the evidence shows."""
    bad = ~np.isfinite(got)
    limit = 88.0 if z.dtype == np.float32 else 709.0
    warning = "NumPy warned " + " and ".join(f"\"{w}\"" for w in warned[:2]) if warned else ""
    with_warning = f", and {warning}" if warning else ""
    z64 = z.astype(np.float64)
    each = f"each {unit(z, along)}'s" if z.ndim >= 2 else "the"
    shift = f"Subtract {each} largest score before exp, z - z.max(axis=axis, keepdims=True)"
    if np.abs(z64).max() <= limit and not any("overflow" in w for w in warned):
        index = tuple(np.argwhere(bad)[0]) if bad.any() else (0,) * z.ndim
        name, part = slice_at(z, index, along)
        fail("value", f"For {named(name, z[part])}, your softmax returned {array_text(got[part])}{with_warning}, "
             "on ordinary scores. nan means 'not a number': look for a division by 0 (a sum taken over "
             "nothing, or over the wrong numbers). Softmax is exp(z) divided by the sum of exp(z) "
             f"along the {unit(z, along)}.")
    if not bad.any():
        right = "gives the right values" if close(got, want, rtol, atol) else "runs"
        fail("overflow", f"Your softmax {right} for z = {z_text(z)}, but {warning}: some exp(...) on the way "
             f"received a score too large for it (above {limit:g}) and became inf (infinity). {shift}: it "
             "does not change the result, and then every exp is between 0 and 1.")
    index = tuple(np.argwhere(bad)[0])
    name, part = slice_at(z, index, along)
    head = (f"For {named(name, z[part])}, your softmax returned {array_text(got[part])} instead of "
            f"{array_text(want[part])}{with_warning}.")
    if z.ndim >= 2:
        with np.errstate(all="ignore"):
            e = np.exp(z64 - z64.max())
            global_shift = e / e.sum(axis=along, keepdims=True)
        global_bad = ~np.isfinite(global_shift)
        if global_bad.any() and np.array_equal(global_bad, bad):
            fail("overflow", f"{head} You subtracted the largest score of the whole array, "
                 f"{number_text(z64.max())}, not the largest of this {unit(z, along)}, "
                 f"{number_text(z64[part].max())}: after that shift every score here is far below -700, every "
                 "exp(...) becomes 0, and 0 / 0 is nan ('not a number'). Next step: subtract "
                 f"{each} own largest score, z.max(axis=axis, keepdims=True).")
    if z64[part].max() > limit:
        fail("overflow", f"{head} exp({number_text(z64[part].max())}) is too large for a float (anything above "
             f"exp({limit:g}) becomes inf, infinity), and inf / inf is nan ('not a number'). Next step: "
             f"{shift[0].lower()}{shift[1:]}; it does not change the result, and then every exp is between 0 "
             "and 1.")
    fail("overflow", f"{head} The exp of every one of these scores is so small that it becomes 0, and 0 / 0 is "
         f"nan ('not a number'). Next step: {shift[0].lower()}{shift[1:]}; the largest exp is then exactly 1, "
         "so the sum is never 0.")


def softmax_wrong(ctx: Context, z: np.ndarray, got: np.ndarray, want: np.ndarray, along: int,
                  axis: int | None, where: tuple, rtol: float, atol: float) -> None:
    """Fail for wrong softmax values with the mistake they reveal."""
    name, part = slice_at(z, where, along)
    head = (f"For {named(name, z[part])}, your softmax gave {array_text(got[part])}, but the softmax of "
            f"these scores is {array_text(want[part])}.")
    z64 = z.astype(np.float64)
    call = "softmax(z)" if axis is None else f"softmax(z, axis={axis})"
    if z.ndim == 2:
        other = 0 if along % 2 == 1 else -1
        sums, other_sums = got.sum(axis=along), got.sum(axis=other)
        wrong_way = not np.allclose(sums, 1.0, atol=1e-6) and np.allclose(other_sums, 1.0, atol=1e-6)
        if min(z.shape) > 1:  # with a single row or column the patterns below cannot be told apart
            axis_mistake(ctx, z, got, along, axis, other, call, head, rtol, atol)
        if wrong_way:
            other_unit = "column" if unit(z, along) == "row" else "row"
            fail("axis", f"{head} With {call} each {unit(z, along)} must sum to 1; yours sum to "
                 f"{array_text(sums, digits=4)}, while each of your {other_unit}s sums to 1: some step still "
                 "works along the other axis. Take the max and the sum along the axis you are given (the last "
                 "one by default), with keepdims=True: z.max(axis=axis, keepdims=True), "
                 "e.sum(axis=axis, keepdims=True).")
    with np.errstate(all="ignore"):
        plain = z64 / z64.sum(axis=along, keepdims=True)
        unnormalised = np.exp(z64 - z64.max(axis=along, keepdims=True))
    if close(got, plain, rtol, atol):
        fail("value", f"{head} You divided the scores themselves by their sum. Softmax first takes exp of every "
             "score (np.exp), which makes them all positive, then divides by the sum of those.")
    if close(got, unnormalised, rtol, atol) or close(got, np.exp(z64), rtol, atol):
        fail("value", f"{head} You took exp of the scores but did not divide by their sum: divide by "
             "e.sum(axis=axis, keepdims=True), so that they add up to 1.")
    total = float(got[part].sum())
    if abs(total - 1.0) > 1e-6:
        fail("value", f"{head} Your {unit(z, along)} adds up to {number_text(total)} instead of 1: divide exp(z) "
             f"by the sum of exp(z) over the {unit(z, along)}.")
    fail("value", f"{head} Each output is exp(z_i) divided by the sum of exp(z_j) over the {unit(z, along)}; "
         "check your formula by hand on z = [1, 2, 3], which gives about [0.090, 0.245, 0.665].")


def axis_mistake(ctx: Context, z: np.ndarray, got: np.ndarray, along: int, axis: int | None, other: int,
                 call: str, head: str, rtol: float, atol: float) -> None:
    """Fail with `axis` when a 2-D result is a softmax along the wrong axis (or over everything)."""
    z64 = z.astype(np.float64)
    if close(got, ref_softmax(ctx, z, other), rtol, atol):
        if axis is None:
            fail("axis", f"For z of shape {z.shape}, the columns of your softmax(z) sum to 1, but with the "
                 f"default axis=-1 (the last axis) each row must: a batch holds one example per row, and "
                 f"softmax works on each example's {z.shape[1]} scores. Check the default in your def line, "
                 "def softmax(z, axis=-1), and pass axis=axis to both the max and the sum.")
        if other == -1:
            fail("axis", f"{call} for z of shape {z.shape} must make each column sum to 1, but your result "
                 "is the same as with axis=-1 (each row sums to 1): your function ignores its `axis` "
                 "argument. Use it in both steps: z.max(axis=axis, keepdims=True) and "
                 "e.sum(axis=axis, keepdims=True).")
        fail("axis", f"{call} for z of shape {z.shape} must make each row sum to 1, but your columns do: "
             "pass axis=axis to both the max and the sum.")
    with np.errstate(all="ignore"):
        e = np.exp(z64 - z64.max())
        whole = e / e.sum()
        shifted_other = np.exp(z64 - z64.max(axis=other, keepdims=True))
        mixed = shifted_other / shifted_other.sum(axis=along, keepdims=True)
    if close(got, whole, rtol, atol):
        fail("axis", f"All the numbers of your {call} for z of shape {z.shape} add up to 1 together: you "
             f"divided by the sum over the whole array. Each {unit(z, along)} must add up to 1 on its own: "
             "sum along the axis, e.sum(axis=axis, keepdims=True).")
    if close(got, mixed, rtol, atol):
        fail("axis", f"{head} You subtract the largest score along one axis but sum along the other. "
             "Subtracting a number changes nothing only when the same number is subtracted from the "
             f"whole {unit(z, along)} you sum over: use axis=axis in z.max too.")


@check(points=2)
def softmax_values(sub: Submission, ctx: Context) -> None:
    """softmax(z) matches exp(z) / sum(exp(z)) for one row and for batches (each row on its own)"""
    compare_softmax(sub, ctx, scores(ctx, (5,)))
    compare_softmax(sub, ctx, scores(ctx, (4, 6)))
    compare_softmax(sub, ctx, scores(ctx, (7, 3)))


@check(points=1)
def softmax_axis(sub: Submission, ctx: Context) -> None:
    """softmax(z, axis=0) works on the columns and axis=1 on the rows of a 2-D z"""
    z = scores(ctx, (5, 3))
    compare_softmax(sub, ctx, z, axis=0)
    compare_softmax(sub, ctx, z, axis=1)
    compare_softmax(sub, ctx, scores(ctx, (3, 6)), axis=0)
    compare_softmax(sub, ctx, scores(ctx, (4, 2)), axis=-1)


@check(points=1)
def softmax_edge_cases(sub: Submission, ctx: Context) -> None:
    """softmax handles a single row, one class, ties and float32"""
    compare_softmax(sub, ctx, scores(ctx, (1, 6)))
    compare_softmax(sub, ctx, scores(ctx, (5, 1)))
    compare_softmax(sub, ctx, np.array([7.0]))
    compare_softmax(sub, ctx, np.array([[2.0, 2.0, 2.0, 2.0], [-1.0, -1.0, -1.0, -1.0], [3.0, 3.0, 0.0, 0.0]]))
    compare_softmax(sub, ctx, scores(ctx, (3, 5), dtype=np.float32))


@check(points=1)
def softmax_properties(sub: Submission, ctx: Context) -> None:
    """Each slice along `axis` sums to 1, and adding a constant to a slice changes nothing"""
    z = scores(ctx, (3, 7))
    for axis, constant_shape in ((None, (3, 1)), (0, (1, 7))):
        along = -1 if axis is None else axis
        kwargs = {} if axis is None else {"axis": axis}
        call = "softmax(z)" if axis is None else f"softmax(z, axis={axis})"
        s = float_array(explained_call(sub, "softmax", z, advice=SOFTMAX_ERRORS, **kwargs), call, z.shape)
        sums, other_sums = s.sum(axis=along), s.sum(axis=0 if along == -1 else 1)
        if not np.allclose(sums, 1.0, rtol=0, atol=1e-9):
            what = unit(z, along)
            worst = int(np.argmax(np.abs(sums - 1.0)))
            if abs(float(s.sum()) - 1.0) <= 1e-9:
                fail("axis", f"With {call} for z of shape {z.shape} each {what} must sum to 1, but all the "
                     "numbers of your result add up to 1 together: you divided by the sum over the whole "
                     "array. Sum along the axis instead, e.sum(axis=axis, keepdims=True).")
            if np.allclose(other_sums, 1.0, rtol=0, atol=1e-9):
                fail("axis", f"With {call} for z of shape {z.shape} each {what} must sum to 1, but your "
                     f"{what} {worst} sums to {number_text(sums[worst], 10)}, while the other way round every "
                     "slice sums to 1: some step works along the wrong axis. Use axis=axis in both the max "
                     "and the sum.")
            fail("value", f"With {call} for z of shape {z.shape} each {what} must sum to 1, but your {what} "
                 f"{worst} sums to {number_text(sums[worst], 10)}. Divide exp(z) by its sum along the axis.")
        constant = np.round(ctx.rng.uniform(-50.0, 50.0, size=constant_shape), 1)
        moved = z + constant
        t = float_array(explained_call(sub, "softmax", moved, advice=SOFTMAX_ERRORS, **kwargs), call, z.shape)
        warned = overflow_warnings(sub)
        where = mismatch(t, s, 1e-6, 1e-9)
        if where is None and not warned and np.all(np.isfinite(t)):
            continue
        index = where if where is not None else (0, 0)
        name, part = slice_at(z, index, along)
        c = number_text(constant.reshape(-1)[part[1] if along == 0 else part[0]])
        problem = (f"and NumPy warned \"{warned[0]}\"" if warned else
                   f"changed your softmax from {array_text(s[part])} to {array_text(t[part])}")
        fail("overflow" if warned else "value",
             f"Adding {c} to every score of {named(name, z[part])}, {problem}. It must change nothing: "
             "exp(z + c) = exp(z) * exp(c), and the factor exp(c) cancels between the top and the bottom. "
             "Compute exp(z - m) / sum(exp(z - m)) with m the largest score, taking the max and the sum "
             "along the same axis.")


@check(points=2)
def softmax_stable(sub: Submission, ctx: Context) -> None:
    """No overflow for scores up to |z| = 1e4: no warning, no inf or nan"""
    compare_softmax(sub, ctx, np.array([BIG, 0.0, -BIG]))
    compare_softmax(sub, ctx, np.array([1000.0, 1001.0, 1002.0]))
    compare_softmax(sub, ctx, np.array([-BIG, -BIG, -BIG + 1.0]))
    z = np.array([[BIG, BIG - 1.0, 0.0, -BIG], [-BIG, -BIG, -BIG, -BIG], [2.0, -1.0, 0.5, 3.0]])
    compare_softmax(sub, ctx, z)
    compare_softmax(sub, ctx, z.T.copy(), axis=0)
    compare_softmax(sub, ctx, ctx.rng.uniform(-BIG, BIG, size=(4, 5)))
    compare_softmax(sub, ctx, np.array([[BIG, 0.0, -BIG], [-BIG, -BIG, -BIG], [100.0, 90.0, 80.0]],
                                       dtype=np.float32))


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
        fail("derivative", f"{head} Your softmax itself gives wrong values for these scores (see the check "
             "softmax_values), and the Jacobian is built from it: fix softmax first.")
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
        advice = ("Your softmax itself is off for these scores (see the check softmax_values), and the slopes "
                  "are measured on it: fix softmax first.")
    else:
        advice = ("The Jacobian must describe the function you wrote: J[i, j] is the slope of output S_i when "
                  "score z_j alone moves.")
    fail("derivative", f"For z = {array_text(z)} your J[{i}, {j}] is {number_text(got[where], 9)}, but the slope "
         f"measured on your softmax, (softmax(z + h)[{i}] - softmax(z - h)[{i}]) / (2h) with h = 1e-5 added to "
         f"z[{j}] only, is {number_text(slope[where], 9)} (they must agree to 6 digits). {advice}")


# -- speed ----------------------------------------------------------------------------------

@check(points=1)
def vectorised_speed(sub: Submission, ctx: Context) -> None:
    """No Python loop over the entries of a row (a loop over the rows gets a note)"""
    z = scores(ctx, (SPEED_ROWS, 2))
    vectorised(sub, "softmax", z, SOFTMAX_LOOP_ADVICE, unit="scores", row_loop_note=SOFTMAX_ROW_LOOP_NOTE, ctx=ctx)
    vectorised(sub, "softmax_jacobian", z, JACOBIAN_LOOP_ADVICE, unit="scores",
               row_loop_note=JACOBIAN_ROW_LOOP_NOTE, ctx=ctx)
