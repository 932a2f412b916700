"""Checks of leaky_relu and leaky_relu_derivative, and their vectorisation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from actgrade.checks.core import Context, Submission, check, fail
from actgrade.checks.expect import (
    LOOP_ADVICE,
    element_text,
    float_array,
    mismatch,
    tolerances,
    vectorised,
)
from actgrade.sandbox.protocol import Uniform

from .common import ALPHA

# -- leaky_relu and its derivative ---------------------------------------------------------------

def random_input(ctx: Context, shape: tuple[int, ...], dtype=np.float64) -> np.ndarray:
    """Normal numbers, kept at least 1e-3 away from the kink at 0."""
    x = ctx.rng.normal(scale=3.0, size=shape)
    x = np.where(np.abs(x) < 1e-3, np.sign(x + 1e-12) * 1e-3 + x, x)
    return x.astype(dtype)


def call_with_alpha(func: Callable, x: np.ndarray, alpha: float | None) -> Any:
    return func(x) if alpha is None else func(x, alpha=alpha)


def close(got: np.ndarray, expected: np.ndarray, dtype: np.dtype) -> bool:
    return got.shape == np.shape(expected) and mismatch(got, np.asarray(expected, dtype=float),
                                                        *tolerances(dtype)) is None


def compare_leaky(sub: Submission, ctx: Context, x: np.ndarray, alpha: float | None = None) -> None:
    a = ALPHA if alpha is None else alpha
    call = "leaky_relu(x)" if alpha is None else f"leaky_relu(x, alpha={alpha})"
    got = float_array(call_with_alpha(sub.leaky_relu, x, alpha), call, x.shape)
    expected = np.asarray(ctx.ref.leaky_relu(x, a), dtype=float)
    where = mismatch(got, expected, *tolerances(x.dtype))
    if where is None:
        return
    x64 = x.astype(float)
    if close(got, np.maximum(x64, 0), x.dtype):
        advice = (f"The negative numbers became 0: that is plain ReLU. Leaky ReLU keeps a small slope there: "
                  f"alpha * x, so with alpha = {a} the input -2.0 gives {-2.0 * a!r}.")
    elif alpha is not None and close(got, np.where(x64 > 0, x64, ALPHA * x64), x.dtype):
        advice = (f"Your result is the one for alpha = {ALPHA}: the alpha argument is ignored. Use the parameter "
                  "`alpha` in the formula instead of the number 0.01.")
    elif close(got, np.where(x64 > 0, a * x64, x64), x.dtype):
        advice = "alpha multiplies the wrong side: x stays as it is where x > 0, and becomes alpha * x where x <= 0."
    elif close(got, np.where(x64 > 0, x64, a), x.dtype):
        advice = f"Where x <= 0 the result is alpha * x (for x = -2.0: {-2.0 * a!r}), not alpha itself."
    elif close(got, np.where(x64 > 0, 1.0, a), x.dtype):
        advice = "Your leaky_relu returns the slope (1 or alpha), not the value x or alpha * x."
    else:
        advice = "leaky_relu(x) is x where x > 0 and alpha * x where x <= 0."
    fail("value", f"For {element_text(x, where)}, your {call} gave {float(got[where])!r}, but it should be "
         f"{float(expected[where])!r}. {advice}")


def compare_slope(sub: Submission, ctx: Context, x: np.ndarray, alpha: float | None = None) -> None:
    a = ALPHA if alpha is None else alpha
    call = "leaky_relu_derivative(x)" if alpha is None else f"leaky_relu_derivative(x, alpha={alpha})"
    got = float_array(call_with_alpha(sub.leaky_relu_derivative, x, alpha), call, x.shape)
    expected = np.asarray(ctx.ref.leaky_relu_derivative(x, a), dtype=float)
    where = mismatch(got, expected, *tolerances(x.dtype))
    if where is None:
        return
    x64 = x.astype(float)
    said = (f"For {element_text(x, where)}, your {call} gave {float(got[where])!r}, but the slope there is "
            f"{float(expected[where])!r}.")
    rtol, atol = tolerances(x.dtype)
    with np.errstate(invalid="ignore"):
        wrong = ~np.isclose(got.astype(float), expected, rtol=rtol, atol=atol)
    if np.all(x64[wrong] == 0):  # wrong at exactly 0 and nowhere else
        fail("derivative", f"At exactly x = 0 your {call} gave {float(got[where])!r}; the convention is "
             f"alpha = {a} (the negative side's slope is used at the corner, as relu'(0) = 0 uses ReLU's flat "
             "side). Use a strict comparison: `np.where(x > 0, 1.0, alpha)`.")
    if close(got, np.where(x64 > 0, 1.0, 0.0), x.dtype):
        fail("derivative", f"{said} Your slope is 0 where x <= 0, like ReLU's. Leaky ReLU's slope there is alpha: "
             "that small gradient is what lets a unit that went negative come back.")
    if alpha is not None and close(got, np.where(x64 > 0, 1.0, ALPHA), x.dtype):
        fail("derivative", f"{said} Your result is the one for alpha = {ALPHA}: the alpha argument is ignored. Use "
             "the parameter `alpha` instead of the number 0.01.")
    if close(got, np.where(x64 > 0, x64, a * x64), x.dtype):
        fail("derivative", f"{said} That is leaky_relu(x) itself, not its slope: 1.0 where x > 0, alpha elsewhere.")
    fail("derivative", f"{said} The slope of leaky ReLU is 1.0 where x > 0 and alpha where x <= 0.")


@check(points=2)
def leaky_relu_values(sub: Submission, ctx: Context) -> None:
    """leaky_relu(x) is x where x > 0 and alpha * x elsewhere, on random batches"""
    for shape in [(7,), (5, 3), (4, 3, 2)]:
        compare_leaky(sub, ctx, random_input(ctx, shape))


@check(points=1)
def leaky_relu_edge_cases(sub: Submission, ctx: Context) -> None:
    """leaky_relu keeps shapes and floats (0-d, zeros, +-1e4, float32) and honours alpha"""
    compare_leaky(sub, ctx, np.array(2.5))
    compare_leaky(sub, ctx, np.array(-2.5))
    compare_leaky(sub, ctx, np.array([0.0, -0.0, 1e4, -1e4, 1e-300, -1e-300]))
    compare_leaky(sub, ctx, random_input(ctx, (6, 4), np.float32))
    compare_leaky(sub, ctx, random_input(ctx, (3, 5)), alpha=float(ctx.rng.choice([0.05, 0.1, 0.2, 0.3])))


@check(points=2)
def leaky_relu_derivative_values(sub: Submission, ctx: Context) -> None:
    """leaky_relu_derivative(x) is 1.0 where x > 0 and alpha elsewhere (alpha at exactly 0)"""
    for shape in [(9,), (3, 5)]:
        compare_slope(sub, ctx, random_input(ctx, shape))
    compare_slope(sub, ctx, np.array([-1e4, -1.0, 0.0, -0.0, 1e-300, 2.0, 1e4]))
    compare_slope(sub, ctx, np.array(3.0))
    compare_slope(sub, ctx, np.array(-3.0))
    compare_slope(sub, ctx, random_input(ctx, (4, 2), np.float32))
    compare_slope(sub, ctx, np.array([-2.0, 0.0, 3.5]), alpha=float(ctx.rng.choice([0.05, 0.1, 0.2, 0.3])))


@check(points=1)
def leaky_relu_derivative_matches_slope(sub: Submission, ctx: Context) -> None:
    """leaky_relu_derivative agrees with the measured slope of your leaky_relu (finite differences)"""
    x = random_input(ctx, (6, 5))
    h = 1e-5
    up = float_array(sub.leaky_relu(x + h), "leaky_relu(x + h)", x.shape)
    down = float_array(sub.leaky_relu(x - h), "leaky_relu(x - h)", x.shape)
    slope = (up - down) / (2 * h)
    got = float_array(sub.leaky_relu_derivative(x), "leaky_relu_derivative(x)", x.shape)
    where = mismatch(got, slope, 1e-4, 1e-6)
    if where is not None:
        fail("derivative", f"For {element_text(x, where)} your leaky_relu_derivative gave {float(got[where])!r}, "
             "but the slope measured on your leaky_relu, (leaky_relu(x + h) - leaky_relu(x - h)) / 2h with "
             f"h = 1e-5, is {slope[where]:.6g}. The derivative must describe the function you wrote.")


@check(points=1)
def vectorised_speed(sub: Submission, ctx: Context) -> None:
    """Both leaky ReLU functions are vectorised: no Python loop over the elements"""
    x = Uniform(seed=int(ctx.rng.integers(2**31)), size=1_000_000)
    for name in ("leaky_relu", "leaky_relu_derivative"):
        vectorised(sub, name, x, LOOP_ADVICE)
