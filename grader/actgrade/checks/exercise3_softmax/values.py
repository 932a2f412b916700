"""Checks of softmax: values, the axis argument, edge cases, properties, stability."""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import Context, Submission, check, fail
from actgrade.checks.expect import array_text, explained_call, float_array, mismatch, overflow_warnings, tolerances
from actgrade.numbers import number_text

from .common import BIG, SOFTMAX_ERRORS
from .helpers import close, named, ref_softmax, scores, slice_at, unit, z_text

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
    overflowed = any("overflow" in w for w in warned)
    if z.ndim >= 2 and z64[part].max() < z64.max() - limit:
        with np.errstate(all="ignore"):
            e = np.exp(z64 - z64.max())
            global_shift = e / e.sum(axis=along, keepdims=True)
        global_bad = ~np.isfinite(global_shift)
        if np.all(global_bad[bad]) and not overflowed:
            fail("overflow", f"{head} You subtracted the largest score of the whole array, "
                 f"{number_text(z64.max())}, not the largest of this {unit(z, along)}, "
                 f"{number_text(z64[part].max())}: after that shift every score here is far below -700, every "
                 "exp(...) underflows to 0, and 0 / 0 is nan ('not a number'). Nothing is too large here; the "
                 f"numbers are too small. Next step: subtract {each} own largest score, "
                 "z.max(axis=axis, keepdims=True).")
    if z64[part].max() > limit and (overflowed or not warned):
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
