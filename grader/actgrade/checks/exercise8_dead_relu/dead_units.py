"""Checks of dead_unit_fraction, on hand-built and random networks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from actgrade.checks.core import Context, Submission, check, fail
from actgrade.checks.expect import (
    kind_text,
    real_number,
)

# -- dead_unit_fraction ----------------------------------------------------------------------------


def pre_activations(params: list, X: np.ndarray, relu_between: bool = True) -> list[np.ndarray]:
    """Z of every hidden layer, as dead_unit_fraction walks them."""
    zs, inputs = [], np.asarray(X, dtype=float)
    for W, b in params[:-1]:
        z = inputs @ W + b
        zs.append(z)
        inputs = np.maximum(z, 0.0) if relu_between else z
    return zs


# The usual slips, each computed on the same network: (name, category, what went wrong, formula).
SLIPS: list[tuple[str, str, str, Callable[[list, np.ndarray], list[float]]]] = [
    ("any row", "dead-relu",
     "you count a unit as dead when its pre-activation is <= 0 on ANY row. Dead means <= 0 on EVERY row: a unit "
     "that is positive for even one example still gets a gradient from it. Use `np.all(Z <= 0, axis=0)`.",
     lambda p, X: [float(np.mean(np.any(z <= 0, axis=0))) for z in pre_activations(p, X)]),
    ("strict", "dead-relu",
     "you use `< 0`. A pre-activation of exactly 0 also gives relu 0 and slope 0 (relu'(0) = 0), so such a unit is "
     "dead too: use `Z <= 0`.",
     lambda p, X: [float(np.mean(np.all(z < 0, axis=0))) for z in pre_activations(p, X)]),
    ("alive", "dead-relu",
     "that is the fraction of units that are ALIVE. A dead unit is one whose column of Z is <= 0 everywhere: "
     "`np.all(Z <= 0, axis=0)`.",
     lambda p, X: [float(np.mean(~np.all(z <= 0, axis=0))) for z in pre_activations(p, X)]),
    ("entries", "dead-relu",
     "that is the fraction of all entries of Z that are <= 0, one per (example, unit) pair. First decide for "
     "each unit whether ALL its entries are <= 0, `np.all(Z <= 0, axis=0)`, then take the mean over the units.",
     lambda p, X: [float(np.mean(z <= 0)) for z in pre_activations(p, X)]),
    ("rows", "dead-relu",
     "that looks at rows (examples) instead of columns (units): a unit is a column of Z, so use `axis=0`: "
     "`np.all(Z <= 0, axis=0)`.",
     lambda p, X: [float(np.mean(np.all(z <= 0, axis=1))) for z in pre_activations(p, X)]),
    ("no relu", "value",
     "the next layer's input should be relu(Z) = `np.maximum(Z, 0)`, what the ReLU units actually output; "
     "you passed Z itself on.",
     lambda p, X: [float(np.mean(np.all(z <= 0, axis=0))) for z in pre_activations(p, X, relu_between=False)]),
    ("count", "value",
     "these are numbers of dead units; return fractions: divide by the number of units in the layer "
     "(the mean of the True/False flags does it).",
     lambda p, X: [float(np.sum(np.all(z <= 0, axis=0))) for z in pre_activations(p, X)]),
]


def read_fractions(value: Any, call: str, hidden: int) -> list[float]:
    if value is None:
        fail("value", f"`{call}` returned None. Did you forget the `return` line? Return a list with one float "
             "per hidden layer.")
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype.kind in "iuf":
        items = list(value)
    elif isinstance(value, (list, tuple)):
        items = list(value)
    elif real_number(value) is not None:
        items = [value]
    else:
        fail("value", f"`{call}` returned {kind_text(value)}; return a list with one float per hidden layer.")
    numbers = [real_number(i) for i in items]
    if any(n is None for n in numbers):
        bad = items[[n is None for n in numbers].index(True)]
        fail("dtype", f"`{call}` returned a list holding {kind_text(bad)}; each entry should be one float, "
             "for example `float(np.mean(dead))`.")
    if len(numbers) != hidden:
        layers = f"{hidden + 1} layers: {hidden} hidden and the output layer"
        if len(numbers) == hidden + 1:
            advice = "you counted the output layer too. Go through the hidden layers only: `params[:-1]`."
        elif len(numbers) == 1:
            advice = ("you looked at the first hidden layer only. Loop over all hidden layers, `params[:-1]`, "
                      "feeding each one relu(Z) of the layer before.")
        else:
            advice = "return one fraction per hidden layer, `params[:-1]`."
        count = f"{len(numbers)} number" + ("" if len(numbers) == 1 else "s")
        fail("value", f"`{call}` returned {count}, but the network has {layers}: {advice}")
    return [float(n) for n in numbers]


def judge_fractions(sub: Submission, ctx: Context, params: list, X: np.ndarray, what: str) -> None:
    call = "dead_unit_fraction(params, X)"
    hidden = len(params) - 1
    got = read_fractions(sub.dead_unit_fraction(params, X), call, hidden)
    expected = [float(f) for f in ctx.ref.dead_unit_fraction(params, X)]
    if np.allclose(got, expected, rtol=0, atol=1e-9):
        return
    shown = "[" + ", ".join(f"{g:.4g}" for g in got) + "]"
    right = "[" + ", ".join(f"{e:.4g}" for e in expected) + "]"
    said = f"On {what}, your `{call}` gave {shown}, but the dead fractions are {right}"
    # Name a slip only when it alone explains the numbers (on small networks two slips can agree).
    matches = [(category, explanation) for _, category, explanation, formula in SLIPS
               if np.allclose(got, formula(params, X), rtol=0, atol=1e-9)]
    if len(matches) == 1:
        fail(matches[0][0], f"{said}: {matches[0][1]}")
    if any(not 0 <= g <= 1 for g in got):
        fail("value", f"{said}. A fraction is between 0 and 1: the number of dead units divided by the units of "
             "the layer.")
    fail("dead-relu", f"{said}. For each hidden layer: Z = A @ W + b (A starts as X), a unit is dead when its whole "
         "column of Z is <= 0, the fraction is the mean of those True/False flags, and the next A is relu(Z).")


def hand_built_network() -> tuple[list, np.ndarray, str]:
    """Two hidden layers with every kind of unit; dead fractions [0.5, 0.4]."""
    X = np.array([[1.0, 2.0, 0.5], [2.0, 1.0, 1.0], [0.5, 0.5, 2.0], [1.0, 1.0, 1.0]])
    # Layer 1, six units: alive everywhere; alive on one row only (x0 - x1 = [-1, 1, 0, 0]);
    # exactly 0 everywhere (dead); negative everywhere (dead); only a negative bias (dead);
    # alive on the third row only (x2 - 1.5).
    W1 = np.array([[1.0, 1.0, 0.0, -1.0, 0.0, 0.0],
                   [0.0, -1.0, 0.0, -1.0, 0.0, 0.0],
                   [0.0, 0.0, 0.0, -1.0, 0.0, 1.0]])
    b1 = np.array([0.0, 0.0, 0.0, 0.0, -1.0, -1.5])
    # Layer 2, five units: alive; dead only because relu(Z) of the dead unit 3 is 0 (with Z itself it
    # would be positive); negative everywhere (dead); alive on one row; alive on one row, exactly 0 elsewhere.
    W2 = np.zeros((6, 5))
    W2[0, 0] = 1.0
    W2[3, 1] = -1.0
    W2[0, 2] = -1.0
    W2[5, 3] = 1.0
    W2[1, 4] = 1.0
    b2 = np.array([0.0, -1.0, 0.0, -0.25, 0.0])
    W3, b3 = np.ones((5, 1)), np.zeros(1)
    return [(W1, b1), (W2, b2), (W3, b3)], X, "a hand-built network (2 hidden layers of 6 and 5 units, 4 rows of X)"


def random_network(ctx: Context) -> tuple[list, np.ndarray, str]:
    n, features = int(ctx.rng.integers(15, 40)), 3
    X = ctx.rng.normal(size=(n, features))
    sizes = [features] + [int(s) for s in ctx.rng.integers(5, 13, size=int(ctx.rng.integers(1, 4)))]
    sizes.append(int(ctx.rng.integers(1, 3)))
    params = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        W = ctx.rng.normal(size=(n_in, n_out)) / np.sqrt(n_in)
        b = ctx.rng.normal(loc=-1.0, scale=1.0, size=n_out)
        if i == 0:  # one unit whose pre-activation is exactly 0 on every row
            W[:, 0], b[0] = 0.0, 0.0
        params.append((W, b))
    hidden = ", ".join(str(s) for s in sizes[1:-1])
    return params, X, f"a random network (hidden layers of {hidden} units, {n} rows of X)"


@check(points=2)
def dead_unit_fraction_hand_built(sub: Submission, ctx: Context) -> None:
    """dead_unit_fraction counts units that are <= 0 on every row, layer by layer, on hand-built networks"""
    judge_fractions(sub, ctx, *hand_built_network())
    W1 = np.array([[1.0, -1.0, 0.0], [-1.0, -1.0, 0.0]])
    example = [(W1, np.zeros(3)), (np.ones((3, 1)), np.zeros(1))]
    judge_fractions(sub, ctx, example, np.array([[1.0, 2.0], [2.0, 1.0]]), "the docstring's example")


@check(points=1)
def dead_unit_fraction_random(sub: Submission, ctx: Context) -> None:
    """dead_unit_fraction matches the reference on random networks of 1 to 3 hidden layers"""
    for _ in range(3):
        judge_fractions(sub, ctx, *random_network(ctx))
