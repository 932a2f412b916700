"""Hidden tests for exercise 1: relu and relu_derivative."""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import Context, Submission, check, fail
from actgrade.checks.expect import LOOP_ADVICE, element_text, float_array, mismatch, tolerances, vectorised
from actgrade.numbers import number_text
from actgrade.sandbox.protocol import Uniform


def random_input(ctx: Context, shape: tuple[int, ...], dtype=np.float64) -> np.ndarray:
    """Normal numbers, kept at least 1e-3 away from the kink at 0."""
    x = ctx.rng.normal(scale=3.0, size=shape)
    x = np.where(np.abs(x) < 1e-3, np.sign(x + 1e-12) * 1e-3 + x, x)
    return x.astype(dtype)


def compare_relu(sub: Submission, x: np.ndarray) -> None:
    call = "relu(x)"
    got = float_array(sub.relu(x), call, x.shape, given=x)
    expected = np.maximum(x, 0)
    rtol, atol = tolerances(x.dtype)
    where = mismatch(got, expected, rtol, atol)
    if where is None:
        return
    x_i, got_i, want_i = (number_text(a[where]) for a in (x, got, expected))
    if np.allclose(got, np.abs(x)):
        advice = "Your result is the absolute value |x|: negative numbers must become 0, not positive."
    elif np.allclose(got, np.minimum(x, 0)):
        advice = "Your result keeps the negative numbers and zeroes the positive ones: swap the roles."
    elif np.allclose(got, x):
        advice = "Your result is x unchanged: the negative numbers must become 0."
    elif np.allclose(got, (x > 0).astype(float)):
        advice = "Your relu returns the derivative (0 or 1), not max(0, x)."
    else:
        advice = "relu(x) is x where x > 0 and 0 elsewhere."
    fail("value", f"For {element_text(x, where)}, your relu gave {got_i}, but max(0, {x_i}) = {want_i}. "
         f"{advice}")


@check(points=2)
def relu_values(sub: Submission, ctx: Context) -> None:
    """relu(x) equals max(0, x) on random batches"""
    for shape in [(7,), (5, 3), (4, 3, 2)]:
        compare_relu(sub, random_input(ctx, shape))


@check(points=1)
def relu_edge_cases(sub: Submission, ctx: Context) -> None:
    """relu keeps shapes and floats: 0-d input, zeros, +-1e4, float32"""
    compare_relu(sub, np.array(2.5))
    compare_relu(sub, np.array(-2.5))
    compare_relu(sub, np.array([0.0, -0.0, 1e4, -1e4, 1e-300, -1e-300]))
    x32 = random_input(ctx, (6, 4), np.float32)
    compare_relu(sub, x32)


def compare_derivative(sub: Submission, x: np.ndarray) -> None:
    call = "relu_derivative(x)"
    got = float_array(sub.relu_derivative(x), call, x.shape, given=x)
    expected = np.where(x > 0, 1.0, 0.0)
    where = mismatch(got, expected, *tolerances(x.dtype))
    if where is None:
        return
    x_i, got_i, want_i = x[where], number_text(got[where]), number_text(expected[where])
    if x_i == 0:
        fail("derivative", f"At exactly x = 0 your relu_derivative gave {got_i}; the convention is 0.0 "
             "(as in PyTorch and JAX). Use a strict comparison: `x > 0`, not `x >= 0`.")
    if np.allclose(got, np.maximum(x, 0)):
        fail("derivative", f"For {element_text(x, where)} your relu_derivative gave {got_i}: that is relu(x) "
             "itself, not its slope. The slope is 1.0 where x > 0 and 0.0 elsewhere.")
    fail("derivative", f"For {element_text(x, where)} your relu_derivative gave {got_i}, but the slope of "
         f"relu there is {want_i} (1.0 where x > 0, else 0.0).")


@check(points=2)
def relu_derivative_values(sub: Submission, ctx: Context) -> None:
    """relu_derivative(x) is 1.0 where x > 0, else 0.0 (0.0 at exactly 0)"""
    for shape in [(9,), (3, 5)]:
        compare_derivative(sub, random_input(ctx, shape))
    compare_derivative(sub, np.array([-1e4, -1.0, 0.0, -0.0, 1e-300, 2.0, 1e4]))
    compare_derivative(sub, np.array(3.0))
    compare_derivative(sub, random_input(ctx, (4, 2), np.float32))


@check(points=1)
def relu_derivative_matches_slope(sub: Submission, ctx: Context) -> None:
    """relu_derivative agrees with the measured slope of your relu (finite differences)"""
    x = random_input(ctx, (6, 5))
    h = 1e-5
    slope = (np.asarray(sub.relu(x + h), dtype=float) - np.asarray(sub.relu(x - h), dtype=float)) / (2 * h)
    got = float_array(sub.relu_derivative(x), "relu_derivative(x)", x.shape)
    where = mismatch(got, slope, 1e-4, 1e-6)
    if where is not None:
        fail("derivative", f"For {element_text(x, where)} your relu_derivative gave {number_text(got[where])}, but the "
             f"slope measured on your relu, (relu(x + h) - relu(x - h)) / 2h with h = 1e-5, is "
             f"{slope[where]:.6g}. The derivative must describe the function you wrote.")


@check(points=1)
def vectorised_speed(sub: Submission, ctx: Context) -> None:
    """Both functions are vectorised: no Python loop over the elements"""
    x = Uniform(seed=int(ctx.rng.integers(2**31)), size=1_000_000)
    for name in ("relu", "relu_derivative"):
        vectorised(sub, name, x, LOOP_ADVICE)


