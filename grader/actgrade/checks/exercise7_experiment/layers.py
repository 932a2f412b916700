"""Checks of gradient_norms_by_layer: one gradient of a fresh deep network, compared with the grader's
gradient from the learner's own start."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from actgrade.checks.core import Context, Submission, check, fail
from actgrade.checks.expect import kind_text, real_number
from actgrade.datasets import two_moons, xor

from .common import ACTIVATIONS, DEPTH, SAME_START_RTOL, WIDTH
from .helpers import num, nums, remember, seeded
from .measure import reference5, start_for

# -- gradient_norms_by_layer -----------------------------------------------------------------

def read_norms(value: Any, call: str, depth: int) -> np.ndarray:
    """The learner's list of depth + 1 gradient norms as a float array, or a failure."""
    want = depth + 1
    if value is None:
        fail("value", f"`{call}` returned None. Did you forget the `return` line? It should return a list of "
             f"{want} floats.")
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype.kind in "iuf":
        items = list(value)
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        fail("value", f"`{call}` returned {kind_text(value)}; it should return a list of {want} floats, one per "
             "weight matrix, input layer first.")
    if len(items) == want and all(isinstance(i, (list, tuple, np.ndarray)) and np.size(i) == 2 for i in items):
        fail("value", f"`{call}` returned {want} pairs of numbers; it should return one number per layer: the "
             "norm of that layer's weight gradient dW (leave out db): `[float(np.linalg.norm(dW)) for dW, db in "
             "grads]`.")
    numbers = [real_number(i) for i in items]
    if len(items) != want:
        if len(items) == depth:
            advice = (f"depth={depth} hidden layers plus the output layer make {want} weight matrices: "
                      f"build the network with layer sizes [X.shape[1]] + [width] * depth + [1].")
        elif len(items) == 2 * want:
            advice = "that looks like the biases' gradients (db) too: report only the norm of each dW."
        elif len(items) == want + 1:
            advice = "did you add a hidden layer? The layer sizes are [X.shape[1]] + [width] * depth + [1]."
        else:
            advice = "one norm per weight matrix: [X.shape[1]] + [width] * depth + [1] gives depth + 1 of them."
        fail("shape", f"`{call}` returned {len(items)} numbers, but it should return {want}: {advice}")
    if any(n is None for n in numbers):
        bad = items[[n is None for n in numbers].index(True)]
        fail("dtype", f"`{call}` returned a list holding {kind_text(bad)}; each entry should be one float, "
             "`float(np.linalg.norm(dW))`.")
    norms = np.array(numbers, dtype=float)
    if not np.all(np.isfinite(norms)) or np.any(norms < 0):
        fail("value", f"`{call}` returned {nums(norms)}: norms are finite numbers >= 0. Look for a nan "
             "or inf in your exercise 5 `loss_and_gradients` on this network.")
    return norms


def same_start_norms(sub: Submission, X: np.ndarray, y: np.ndarray, activation: str, depth: int, width: int,
                     seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """For the learner's own start (or the reference's, flagged False): the norm of every dW of one
    gradient on all of X and y, the same with norm(db) added, and the norm of every W."""
    sizes = [X.shape[1]] + [width] * depth + [1]
    start, own = start_for(sub, sizes, activation, seed)
    _, grads = reference5().loss_and_gradients(start, X, y, activation, "sigmoid", "bce")
    dw = np.array([np.linalg.norm(dW) for dW, _ in grads])
    with_db = dw + np.array([np.linalg.norm(db) for _, db in grads])
    return dw, with_db, np.array([np.linalg.norm(W) for W, _ in start]), own


def close_norms(got: np.ndarray, expected: np.ndarray) -> bool:
    return bool(np.allclose(got, expected, rtol=SAME_START_RTOL, atol=1e-300))


def explain_norms(got: np.ndarray, expected: np.ndarray, with_db: np.ndarray, weights: np.ndarray,
                  said: str) -> None:
    """Fail naming the known mistake the learner's list matches, if any."""
    if close_norms(got, weights):
        fail("gradient", f"{said} These are the sizes of the weight matrices W themselves, not of their gradients. "
             "Compute one gradient with `loss_and_gradients(params, X, y, activation=activation, "
             "output=\"sigmoid\", loss=\"bce\")` and take the norm of each dW.")
    if close_norms(got[::-1], expected):
        fail("gradient", f"{said} Yours is reversed: the output layer comes first. `grads` from "
             "`loss_and_gradients` is already in input-first order: keep that order (no `reversed`, no `[::-1]`).")
    if close_norms(got, with_db):
        fail("gradient", f"{said} Each of your numbers is norm(dW) + norm(db): report only the weight gradient, "
             "`float(np.linalg.norm(dW))`, and leave the biases out.")


def start_text(own: bool) -> str:
    return ("from your own `init_params(layer_sizes, activation=activation, seed=seed)`" if own else
            "from the reference's `init_params` (yours gave no usable network)")


def log_ratio(norms: np.ndarray) -> float:
    return math.log10(max(norms[0], 1e-300)) - math.log10(max(norms[-1], 1e-300))


@check(points=1, timeout=120)
def gradient_norms_by_layer_shape(sub: Submission, ctx: Context) -> None:
    """gradient_norms_by_layer returns depth + 1 gradient norms, input layer first"""
    data_seed, seed = seeded(ctx)
    X, y = two_moons(n=150, seed=data_seed)
    depth = int(ctx.rng.integers(2, 5))
    width = int(ctx.rng.choice([8, 12, 16, 24]))
    call = f"gradient_norms_by_layer(X, y, \"relu\", depth={depth}, width={width}, seed={seed})"
    got = read_norms(sub.gradient_norms_by_layer(X, y, "relu", depth, width=width, seed=seed), call, depth)
    expected, with_db, weights, own = same_start_norms(sub, X, y, "relu", depth, width, seed)
    if close_norms(got, expected):
        return
    said = (f"`{call}` on two_moons(n=150, seed={data_seed}) returned {nums(got)}; one gradient taken by the "
            f"grader {start_text(own)} gives {nums(expected)}.")
    explain_norms(got, expected, with_db, weights, said)
    fail("value", f"{said} Build a fresh network with `init_params(layer_sizes, activation=activation, seed=seed)` "
         "and take the norm of every dW from one `loss_and_gradients` call on all of X and y.")


@check(points=3, timeout=120)
def gradient_vanishes_with_depth(sub: Submission, ctx: Context) -> None:
    """With 8 hidden layers, sigmoid and softmax first layers get almost no gradient, ReLU's get plenty"""
    data_seed, seed = seeded(ctx)
    X, y = xor(n=200, seed=data_seed)
    where = f"on xor(n=200, seed={data_seed})"
    ratios: dict[str, float] = {}
    lists: dict[str, np.ndarray] = {}
    for activation in ACTIVATIONS:
        call = f"gradient_norms_by_layer(X, y, \"{activation}\", depth={DEPTH}, seed={seed})"
        got = read_norms(sub.gradient_norms_by_layer(X, y, activation, DEPTH, seed=seed), call, DEPTH)
        expected, with_db, weights, own = same_start_norms(sub, X, y, activation, DEPTH, WIDTH, seed)
        ratios[activation], lists[activation] = log_ratio(got), got
        if close_norms(got, expected):
            continue
        said = (f"With activation=\"{activation}\" {where}, your first layer's gradient norm is "
                f"{num(10 ** ratios[activation])} times your last layer's; one gradient taken by the grader "
                f"{start_text(own)} gives {num(10 ** log_ratio(expected))}.")
        explain_norms(got, expected, with_db, weights, said)
        if activation != "relu" and close_norms(got, lists["relu"]):
            fail("value", f"{said} That is exactly what your ReLU network gives: the activation seems to be "
                 "ignored. Pass `activation=activation` to both `init_params` and `loss_and_gradients`.")
        fail("value", f"{said} Build a fresh network of depth hidden layers with `init_params([X.shape[1]] + "
             "[width] * depth + [1], activation=activation, seed=seed)`, compute ONE gradient on all of X and y "
             "with `loss_and_gradients(..., activation=activation, output=\"sigmoid\", loss=\"bce\")`, and return "
             "the norm of every dW, input layer first.")
    remember(sub, "ratios", {a: 10**r for a, r in ratios.items()})
    ctx.note("vanishing-gradient", f"A separate experiment from compare_setups, in your own numbers: an untrained "
             f"network of {DEPTH} hidden layers of {WIDTH} units on XOR. Its first layer got "
             f"{num(10 ** ratios['relu'])} of the last layer's gradient with ReLU, {num(10 ** ratios['sigmoid'])} with "
             f"sigmoid and {num(10 ** ratios['softmax'])} with softmax. On its way back the gradient is multiplied at "
             "every sigmoid layer by slopes of at most 0.25, at every softmax layer by slopes of a few hundredths "
             f"(its {WIDTH} outputs share a total of 1); {DEPTH} such factors in a row leave almost nothing. That is "
             "the vanishing gradient.")
