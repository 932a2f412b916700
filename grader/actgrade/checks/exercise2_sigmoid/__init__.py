"""Hidden tests for exercise 2: sigmoid and sigmoid_derivative.

Values are compared with the reference on random batches of several shapes,
on 0-d input and on float32; stability is checked for |x| up to 1e4 (no
warning, no inf or nan, exactly 0.0 and 1.0 at the far ends); the derivative
is compared with the reference and with the slope measured on the learner's
own sigmoid. A wrong result is matched against the usual mistakes (a flipped
sign, x where sigmoid(x) belongs, the formula applied to x itself, an
np.where whose unused branch overflows) so the hint names the one it finds.
"""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import CheckFailed, Context, NotStarted, Submission, check, fail
from actgrade.checks.expect import (
    array_text,
    explained_call,
    float_array,
    mismatch,
    overflow_warnings,
    tolerances,
    vectorised,
)
from actgrade.numbers import number_text
from actgrade.sandbox.protocol import Uniform

BIG = 1e4  # the contract: no overflow for |x| <= 1e4
H = 1e-5  # the finite-difference step of the contract
FD_RTOL = 1e-6  # largest relative error between the derivative and finite differences

LOOP_ADVICE = (
    "A Python `for` loop over the elements (or math.exp, which takes one number at a time) is slow; "
    "np.exp, np.abs, np.where and arithmetic work on the whole array at once."
)
STABLE_FORM = (
    "only ever give np.exp a number that is 0 or below: e = np.exp(-np.abs(x)) lies between 0 and 1 for "
    "every x. Then use 1 / (1 + e) where x >= 0 and e / (1 + e) where x < 0 (the same formula, with top "
    "and bottom multiplied by exp(x))."
)


# -- inputs and helpers ---------------------------------------------------------------------

def random_input(ctx: Context, shape: tuple[int, ...], dtype=np.float64, scale: float = 4.0) -> np.ndarray:
    return ctx.rng.normal(scale=scale, size=shape).astype(dtype)


def truth(ctx: Context, name: str, x: np.ndarray) -> np.ndarray:
    """The reference's answer, computed in float64 whatever the input's dtype."""
    return np.asarray(getattr(ctx.ref, name)(np.asarray(x, dtype=np.float64)), dtype=np.float64)


def close(got: np.ndarray, want: np.ndarray, rtol: float, atol: float, where: np.ndarray | None = None) -> bool:
    """True when got matches want (on the elements `where` selects)."""
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return False
    with np.errstate(all="ignore"):
        ok = np.isclose(got, want, rtol=rtol, atol=atol)
    return bool(np.all(ok if where is None else ok[where]))


def at(x: np.ndarray, index: tuple) -> str:
    """`x = 2.5` or `x[1, 2] = -0.3`: the input element a hint is about."""
    if x.ndim == 0:
        return f"x = {number_text(x)}"
    return f"x[{', '.join(str(int(i)) for i in index)}] = {number_text(x[index])}"


def worst_extreme(x: np.ndarray, bad: np.ndarray) -> tuple:
    """Index of the bad element with the largest |x|."""
    if x.ndim == 0:
        return ()
    score = np.where(bad, np.abs(x.astype(np.float64)), -1.0)
    return np.unravel_index(int(np.argmax(score)), x.shape)


def exp_limit(x: np.ndarray) -> tuple[float, str]:
    if x.dtype == np.float32:
        return 88.0, "in float32 the largest number is about 3.4e38, so exp(x) overflows already above x = 88"
    return 709.0, "the largest float is about 1.8e308, so exp(x) overflows above x = 709"


# -- sigmoid --------------------------------------------------------------------------------

def compare_sigmoid(sub: Submission, ctx: Context, x: np.ndarray) -> np.ndarray:
    """Call sigmoid(x) and fail with the most precise hint when anything is off."""
    call = "sigmoid(x)"
    got = float_array(explained_call(sub, "sigmoid", x), call, x.shape)
    warned = overflow_warnings(sub)
    want = truth(ctx, "sigmoid", x)
    rtol, atol = tolerances(x.dtype)
    if warned or not np.all(np.isfinite(got)):
        overflow_failure("sigmoid", x, got, want, warned, rtol, atol, STABLE_FORM)
    where = mismatch(got, want, rtol, atol)
    if where is not None:
        fail("value", sigmoid_value_text(x, got, want, where, rtol, atol))
    ends = np.abs(x) >= BIG
    exact = np.where(x > 0, 1.0, 0.0)
    off = ends & (got != exact)
    if off.any():
        index = worst_extreme(x, off)
        fail("value", f"sigmoid({number_text(x[index])}) must be exactly {float(exact[index])!r} "
             f"(the true value is closer to it than to any other float), but yours returned "
             f"{number_text(got[index], 3)}. Clipping x (for example np.clip(x, -500, 500)) avoids the "
             "overflow but changes the far ends. Instead, " + STABLE_FORM)
    return got


def input_text(x: np.ndarray) -> str:
    return array_text(x) + (" (float32)" if x.dtype == np.float32 else "")


def overflow_failure(name: str, x: np.ndarray, got: np.ndarray, want: np.ndarray, warned: list[str],
                     rtol: float, atol: float, fix: str) -> None:
    """Fail for a call that warned or returned inf/nan: `overflow` when large inputs caused it."""
    bad = ~np.isfinite(got)
    limit, why = exp_limit(x)
    warning = "NumPy warned " + " and ".join(f"\"{w}\"" for w in warned[:2]) if warned else ""
    extreme = np.abs(x.astype(np.float64)) > limit
    if not extreme.any() and not any("overflow" in w for w in warned):
        index = worst_extreme(x, bad) if bad.any() else ()
        shown = f"returned {number_text(got[index])} for {at(x, index)}" if bad.any() else "ran"
        fail("value", f"Your {name} {shown}" + (f", and {warning}" if warning else "") + ", on ordinary "
             "inputs. nan means 'not a number': look for a division by 0 or a square root or log of a "
             f"negative number in your code. {name} needs only np.exp, additions and divisions.")
    if bad.any():
        index = worst_extreme(x, bad)
        text = (f"For {at(x, index)}{' (float32)' if x.dtype == np.float32 else ''} your {name} returned "
                f"{number_text(got[index])} instead of {number_text(want[index])}"
                + (f", and {warning}" if warning else "") + ". "
                f"exp({number_text(abs(float(x[index])))}) is too large for a float ({why}), so NumPy "
                "gives inf (infinity), and inf / inf is nan ('not a number').")
    elif close(got, want, rtol, atol) and any("invalid value" in w for w in warned):
        text = (f"Your {name} gives the right values for x = {input_text(x)}, but {warning}. exp of a "
                f"large number is inf ({why}) and inf / inf is nan, yet none of it shows in your result: it "
                "happens in a part that is thrown away. np.where(condition, a, b) computes a and b for every "
                "element before it picks one, so both must be safe everywhere.")
    else:
        right = "gives the right values" if close(got, want, rtol, atol) else "runs"
        text = (f"Your {name} {right} for x = {input_text(x)}, but {warning}: exp of a large number does "
                f"not fit in a float ({why}) and becomes inf (infinity). Here 1 / (1 + inf) happens to give 0, "
                "but elsewhere an inf turns into nan ('not a number') and spoils everything after it.")
    fail("overflow", f"{text} Next step: {fix}")


def sigmoid_value_text(x: np.ndarray, got: np.ndarray, want: np.ndarray, where: tuple,
                       rtol: float, atol: float) -> str:
    head = (f"For {at(x, where)} your sigmoid gave {number_text(got[where])}, but 1 / (1 + exp(-x)) = "
            f"{number_text(want[where])}.")
    x64 = x.astype(np.float64)
    with np.errstate(all="ignore"):
        patterns = [
            (1 - want, "Your results are 1 / (1 + exp(x)), the sigmoid of -x: the sign inside exp is flipped. "
                       "With exp(-x), a large positive x gives almost 1."),
            (np.tanh(x64), "Your results are tanh(x), a cousin that goes from -1 to 1. The sigmoid goes from 0 "
                           "to 1: 1 / (1 + exp(-x)), which equals (1 + tanh(x / 2)) / 2."),
            (np.exp(-x64), "Your results are exp(-x), only the middle step: the sigmoid is 1 / (1 + exp(-x))."),
            (np.exp(x64), "Your results are exp(x), only the middle step: the sigmoid is 1 / (1 + exp(-x))."),
            (want * (1 - want), "Your results are the slope sigmoid(x) * (1 - sigmoid(x)), which belongs in "
                                "sigmoid_derivative; sigmoid itself is 1 / (1 + exp(-x))."),
        ]
    for pattern, advice in patterns:
        if close(got, pattern, rtol, atol):
            return f"{head} {advice}"
    negative = x64 < 0
    if negative.any() and (~negative).any():
        if close(got, want, rtol, atol, ~negative) and not close(got, want, rtol, atol, negative):
            return (f"{head} Your values are right for x >= 0 but wrong for negative x. For x < 0 the form is "
                    "exp(x) / (1 + exp(x)) (the same formula, top and bottom multiplied by exp(x)); check "
                    "which form your code uses for which sign.")
        if close(got, want, rtol, atol, negative) and not close(got, want, rtol, atol, ~negative):
            return (f"{head} Your values are right for negative x but wrong for x >= 0, where the form is "
                    "1 / (1 + exp(-x)); check which form your code uses for which sign.")
    return (f"{head} Check your formula by hand against sigmoid(x) = 1 / (1 + exp(-x)): sigmoid(0) = 0.5 and "
            "sigmoid(2) = 0.880797.")


@check(points=2)
def sigmoid_values(sub: Submission, ctx: Context) -> None:
    """sigmoid(x) equals 1 / (1 + exp(-x)) on random batches"""
    for shape in [(7,), (5, 3), (4, 3, 2)]:
        compare_sigmoid(sub, ctx, random_input(ctx, shape))


@check(points=1)
def sigmoid_edge_cases(sub: Submission, ctx: Context) -> None:
    """sigmoid keeps shapes and floats: 0-d input, zeros, a single row, float32"""
    compare_sigmoid(sub, ctx, np.array(0.0))
    compare_sigmoid(sub, ctx, np.array(-2.5))
    compare_sigmoid(sub, ctx, np.array([0.0, -0.0, 1e-300, -1e-300, 1.0, -1.0]))
    compare_sigmoid(sub, ctx, random_input(ctx, (1, 5)))
    compare_sigmoid(sub, ctx, random_input(ctx, (6, 4), np.float32))


@check(points=2)
def sigmoid_stable(sub: Submission, ctx: Context) -> None:
    """No overflow for |x| up to 1e4: no warning, no inf or nan, sigmoid(-1e4) == 0.0 and sigmoid(1e4) == 1.0"""
    compare_sigmoid(sub, ctx, np.array([-BIG, BIG]))
    compare_sigmoid(sub, ctx, np.array([-BIG, -1000.0, -710.0, -100.0, -30.0, -1.0, 0.0,
                                        1.0, 30.0, 100.0, 710.0, 1000.0, BIG]))
    compare_sigmoid(sub, ctx, ctx.rng.uniform(-BIG, BIG, size=(3, 4)))
    compare_sigmoid(sub, ctx, np.array([-BIG, -100.0, -50.0, 0.0, 50.0, 100.0, BIG], dtype=np.float32))


# -- sigmoid_derivative ---------------------------------------------------------------------

INHERITED_FIX = (
    "fix sigmoid first (its check for large |x| says how); then computing s = sigmoid(x), then s * (1 - s), is then "
    "safe too."
)
DERIVATIVE_FIX = (
    "compute the slope from your sigmoid, s = sigmoid(x), then s * (1 - s): with a sigmoid that never "
    "overflows, nothing in it can."
)


def compare_derivative(sub: Submission, ctx: Context, x: np.ndarray) -> np.ndarray:
    """Call sigmoid_derivative(x) and fail with the most precise hint when anything is off."""
    call = "sigmoid_derivative(x)"
    got = float_array(explained_call(sub, "sigmoid_derivative", x), call, x.shape)
    warned = overflow_warnings(sub)
    want = truth(ctx, "sigmoid_derivative", x)
    rtol, atol = tolerances(x.dtype)
    if warned or not np.all(np.isfinite(got)):
        if warned and own_sigmoid_warns(sub, x):
            bad = ~np.isfinite(got)
            if bad.any():
                index = worst_extreme(x, bad)
                what = (f"For {at(x, index)} your sigmoid_derivative returned {number_text(got[index])} instead "
                        f"of {number_text(want[index])}")
            else:
                right = "gives the right values" if close(got, want, rtol, atol) else "runs"
                what = f"Your sigmoid_derivative {right} for x = {input_text(x)}"
            warning = " and ".join(f"\"{w}\"" for w in warned[:2])
            fail("overflow", f"{what}, but NumPy warned {warning}. Your sigmoid warns on this input too (its check "
                 "for large |x| above says so), and a sigmoid_derivative built on it inherits the problem. Next step: "
                 + INHERITED_FIX)
        overflow_failure("sigmoid_derivative", x, got, want, warned, rtol, atol, DERIVATIVE_FIX)
    where = mismatch(got, want, rtol, atol)
    if where is not None:
        fail("derivative", derivative_value_text(ctx, x, got, want, where, rtol, atol))
    return got


def own_sigmoid_warns(sub: Submission, x: np.ndarray) -> bool:
    """Whether the learner's sigmoid warns on the same input (then it is the one to fix)."""
    try:
        sub.sigmoid(x)
    except (CheckFailed, NotStarted):
        return False
    return bool(overflow_warnings(sub))


def derivative_value_text(ctx: Context, x: np.ndarray, got: np.ndarray, want: np.ndarray, where: tuple,
                          rtol: float, atol: float) -> str:
    head = (f"For {at(x, where)} your sigmoid_derivative gave {number_text(got[where])}, but "
            f"sigmoid(x) * (1 - sigmoid(x)) = {number_text(want[where])}.")
    x64 = x.astype(np.float64)
    s = truth(ctx, "sigmoid", x64)
    s_of_s = truth(ctx, "sigmoid", s)
    patterns = [
        (s * (1 - x64), "You wrote sigmoid(x) * (1 - x): the second factor must use the sigmoid too. With "
                        "s = sigmoid(x), the slope is s * (1 - s)."),
        (x64 * (1 - x64), "You applied the formula to x itself: x * (1 - x). The argument x is the "
                          "pre-activation, the number that goes into the sigmoid, not the one that comes out. "
                          "First compute s = sigmoid(x), then return s * (1 - s)."),
        (s_of_s * (1 - s_of_s), "You took the slope at sigmoid(x) instead of at x: the sigmoid is applied "
                                "twice. x is already the pre-activation: s = sigmoid(x) once, then s * (1 - s)."),
        (s, "Your results are sigmoid(x) itself, not its slope: multiply it by (1 - sigmoid(x))."),
        (1 - s, "Your results are 1 - sigmoid(x): multiply them by sigmoid(x)."),
        (-s * (1 - s), "Your results have the wrong sign: the sigmoid only goes up, so its slope is never "
                       "negative. Return s * (1 - s) with s = sigmoid(x)."),
    ]
    for pattern, advice in patterns:
        if close(got, pattern, rtol, atol):
            return f"{head} {advice}"
    return (f"{head} The slope of the sigmoid is s * (1 - s) with s = sigmoid(x); at x = 0 it is "
            "0.5 * 0.5 = 0.25, its largest value.")


def saturation_text(x: np.ndarray, d: np.ndarray) -> str:
    value = dict(zip(x.tolist(), d.tolist(), strict=True))
    return (
        f"Your sigmoid_derivative gives {number_text(value[0.0], 3)} at x = 0 (its largest value), "
        f"{number_text(value[2.0], 3)} at x = 2, {number_text(value[5.0], 3)} at x = 5 and "
        f"{number_text(value[10.0], 3)} at x = 10 (the same at x = -10). Far from 0 the curve is almost "
        "flat: the sigmoid is saturated, and its slope stays below 5e-5 once |x| >= 10. During training, the "
        "gradient that flows back through a sigmoid is multiplied by this slope: by 0.25 at best, and by "
        "almost 0 for a unit whose input is large. Stack a few sigmoid (or softmax) layers and the gradient "
        "reaching the first layer all but vanishes, while ReLU's slope is exactly 1 for every positive input. "
        "This is the heart of the big question (ReLU hidden + sigmoid output, or softmax hidden + linear "
        "output: same result?), and exercise 7 measures it."
    )


@check(points=2)
def sigmoid_derivative_values(sub: Submission, ctx: Context) -> None:
    """sigmoid_derivative(x) equals sigmoid(x) * (1 - sigmoid(x)), x being the pre-activation"""
    for shape in [(9,), (3, 5), (2, 3, 4)]:
        compare_derivative(sub, ctx, random_input(ctx, shape))
    compare_derivative(sub, ctx, np.array(0.0))
    compare_derivative(sub, ctx, random_input(ctx, (4, 2), np.float32))
    probe = np.array([-10.0, -5.0, -2.0, 0.0, 2.0, 5.0, 10.0])
    ctx.note("saturation", saturation_text(probe, compare_derivative(sub, ctx, probe)))


@check(points=1)
def sigmoid_derivative_stable(sub: Submission, ctx: Context) -> None:
    """sigmoid_derivative stays finite and silent for |x| up to 1e4"""
    compare_derivative(sub, ctx, np.array([-BIG, -1000.0, -710.0, -100.0, -30.0, 0.0,
                                           30.0, 100.0, 710.0, 1000.0, BIG]))
    compare_derivative(sub, ctx, np.array([-BIG, -100.0, 0.0, 100.0, BIG], dtype=np.float32))


@check(points=1)
def sigmoid_derivative_matches_slope(sub: Submission, ctx: Context) -> None:
    """sigmoid_derivative agrees with the slope measured on your own sigmoid (finite differences)"""
    x = np.clip(random_input(ctx, (4, 5), scale=2.0), -6.0, 6.0)
    up = float_array(explained_call(sub, "sigmoid", x + H), "sigmoid(x + h)", x.shape)
    down = float_array(explained_call(sub, "sigmoid", x - H), "sigmoid(x - h)", x.shape)
    slope = (up.astype(np.float64) - down) / (2 * H)
    got = float_array(explained_call(sub, "sigmoid_derivative", x), "sigmoid_derivative(x)", x.shape)
    where = mismatch(got, slope, FD_RTOL, 1e-10)
    if where is None:
        return
    own = np.asarray(sub.sigmoid(x), dtype=np.float64)
    if own.shape == x.shape and mismatch(own, truth(ctx, "sigmoid", x), *tolerances(x.dtype)) is not None:
        advice = ("Your sigmoid itself is off for this x (the check of its values says how), and the slope is "
                  "measured on it: fix sigmoid first.")
    else:
        advice = ("The derivative must describe the function you wrote: return s * (1 - s) with "
                  "s = sigmoid(x) from your own sigmoid.")
    fail("derivative", f"For {at(x, where)} your sigmoid_derivative gave {number_text(got[where], 9)}, but the "
         f"slope measured on your sigmoid, (sigmoid(x + h) - sigmoid(x - h)) / (2h) with h = 1e-5, is "
         f"{number_text(slope[where], 9)} (they must agree to 6 digits). {advice}")


# -- speed ----------------------------------------------------------------------------------

@check(points=1)
def vectorised_speed(sub: Submission, ctx: Context) -> None:
    """Both functions are vectorised: no Python loop over the elements"""
    x = Uniform(seed=int(ctx.rng.integers(2**31)), size=1_000_000)
    for name in ("sigmoid", "sigmoid_derivative"):
        vectorised(sub, name, x, LOOP_ADVICE)
