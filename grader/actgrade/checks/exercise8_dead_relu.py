"""Hidden tests for exercise 8: leaky ReLU, dead units, and how to kill and revive them.

`leaky_relu` and its derivative are checked like every elementwise function
(values against the reference, 0-d and float32 inputs, alpha honoured, slope
at exactly 0, finite differences, speed). `dead_unit_fraction` runs on a
hand-built network whose units are alive, dead, dead only because of an exact
0, or alive on a single example, so each usual slip (any row instead of every
row, `<` instead of `<=`, feeding Z instead of relu(Z) forward) gives a
different answer and is named. `kill_and_revive` is graded by re-measuring:
the grader trains both returned settings with the reference training loop of
exercise 6 on the same data and seed and looks at the dead units and the
accuracy.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from actgrade import catalog, grading
from actgrade.checks.core import Context, Submission, check, fail
from actgrade.checks.expect import (
    LOOP_ADVICE,
    element_text,
    float_array,
    kind_text,
    mismatch,
    real_number,
    tolerances,
    vectorised,
)
from actgrade.checks.expect import percent_text as pct
from actgrade.datasets import two_moons, xor
from actgrade.sandbox.protocol import Uniform

HINTS = [
    "Leaky ReLU is ReLU with a gentle slope instead of a flat floor: x where x > 0, alpha * x elsewhere, so its "
    "slope is 1 or alpha, never 0. A unit is dead when its pre-activation z is <= 0 on EVERY example: it then "
    "outputs 0 and gets no gradient, for good. Big learning-rate steps kill units; sane steps keep them alive.",
    "leaky_relu and its derivative: one `np.where(x > 0, ..., ...)` each. dead_unit_fraction: walk through the "
    "hidden layers `params[:-1]` with A = X at the start: Z = A @ W + b, a unit (a column of Z) is dead when "
    "every entry of its column is <= 0, record the fraction of dead units, then A = relu(Z). kill_and_revive: "
    "train with a few learning rates (1, 5, 10, 20, 50) on several seeds of two moons and XOR and watch "
    "dead_unit_fraction and the accuracy before you pick.",
    "`np.where(x > 0, x, alpha * x)`; `np.where(x > 0, 1.0, alpha)` (alpha at exactly 0). "
    "Per layer: `dead = np.all(Z <= 0, axis=0)`, `fractions.append(float(np.mean(dead)))`, "
    "`A = np.maximum(Z, 0.0)`. Settings: kill with \"relu\" and a learning rate about 20 times exercise 6's "
    "default of 1.0; revive with the default 1.0 (and \"leaky_relu\" as a safety net).",
]

ALPHA = 0.01
KILL_MIN_DEAD = 0.4
REVIVE_MIN_ACCURACY, REVIVE_MAX_DEAD = 0.95, 0.1
ACTIVATIONS = ("relu", "leaky_relu")
HIDDEN = 32


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


# -- kill_and_revive ---------------------------------------------------------------------------------

def read_settings(value: Any, call: str) -> dict[str, tuple[str, float]]:
    """{"kill": (activation, lr), "revive": (activation, lr)}, or a failure naming what is off."""
    form = ('{"kill": {"activation": "relu", "lr": lr1}, "revive": {"activation": "relu" or "leaky_relu", '
            '"lr": lr2}}')
    if not isinstance(value, dict):
        fail("value", f"`{call}` returned {kind_text(value)}; return a dict of this form: {form}.")
    missing = [k for k in ("kill", "revive") if k not in value]
    if missing:
        have = ", ".join(repr(k) for k in value) or "no keys"
        fail("value", f"`{call}` returned a dict with {have}; it needs the keys \"kill\" and \"revive\" "
             f"(missing: {', '.join(repr(m) for m in missing)}). The form: {form}.")
    settings = {}
    for name in ("kill", "revive"):
        inner = value[name]
        if not isinstance(inner, dict):
            fail("value", f"In the result of `{call}`, [\"{name}\"] is {kind_text(inner)}; it should be a dict "
                 "with \"activation\" and \"lr\", for example {\"activation\": \"relu\", \"lr\": 1.0}.")
        absent = [k for k in ("activation", "lr") if k not in inner]
        extra = [k for k in inner if k not in ("activation", "lr")]
        if absent:
            fail("value", f"In the result of `{call}`, [\"{name}\"] has no {' and no '.join(repr(a) for a in absent)}. "
                 "Each setting is a dict with exactly \"activation\" and \"lr\".")
        if extra:
            fail("value", f"In the result of `{call}`, [\"{name}\"] also has {', '.join(repr(e) for e in extra)}. "
                 "The grader trains with only \"activation\" and \"lr\" (everything else stays at exercise 6's "
                 "defaults: 32 hidden units, 500 epochs), so leave the other keys out.")
        activation, lr = inner["activation"], real_number(inner["lr"])
        if activation not in ACTIVATIONS:
            fail("value", f"In the result of `{call}`, [\"{name}\"][\"activation\"] is {activation!r}; it must be "
                 "\"relu\" or \"leaky_relu\" (written exactly like that).")
        if name == "kill" and activation != "relu":
            fail("value", f"Your \"kill\" setting uses {activation!r}. Leaky ReLU units never die (their slope is "
                 "never 0), so the setting that kills units must use \"relu\".")
        if lr is None:
            fail("dtype", f"In the result of `{call}`, [\"{name}\"][\"lr\"] is {kind_text(inner['lr'])}; the learning "
                 "rate must be a number such as 1.0 (no quotes).")
        if not math.isfinite(lr) or lr <= 0:
            fail("value", f"In the result of `{call}`, [\"{name}\"][\"lr\"] is {lr!r}; a learning rate must be a "
                 "positive number such as 1.0.")
        settings[name] = (activation, lr)
    return settings


def train_reference(X: np.ndarray, y: np.ndarray, activation: str, lr: float, seed: int) -> dict:
    """Exercise 6's reference loop with exercise 6's defaults, except activation and lr."""
    ref6 = grading.reference_module(catalog.find("6"))
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        history = ref6.train(X, y, hidden_sizes=(HIDDEN,), activation=activation, lr=lr, epochs=500, seed=seed)
        predicted = ref6.predict(history["params"], X, activation=activation)
    losses = np.asarray(history["losses"], dtype=float)
    return {"params": history["params"], "losses": losses, "accuracy": float(np.mean(predicted == y))}


def datasets(ctx: Context) -> list[tuple[str, np.ndarray, np.ndarray, int]]:
    """Two moons and XOR, 200 points each, fresh data seeds; one training seed for both."""
    seed = int(ctx.rng.integers(1000))
    found = []
    for name, make in (("two_moons", two_moons), ("xor", xor)):
        data_seed = int(ctx.rng.integers(2**31))
        X, y = make(n=200, seed=data_seed)
        found.append((f"{name}(n=200, seed={data_seed})", X, y, seed))
    return found


def short_name(where: str) -> str:
    """The data set's name for a note: two moons or XOR."""
    return "XOR" if where.startswith("xor") else "two moons"


def setting_text(activation: str, lr: float) -> str:
    return f"(\"{activation}\", lr {lr:g})"


def dead_count(fraction: float) -> str:
    return f"{round(fraction * HIDDEN)} of {HIDDEN}"


@check(points=1, timeout=120)
def kill_and_revive_settings(sub: Submission, ctx: Context) -> None:
    """kill_and_revive returns two settings: an activation and a positive learning rate each"""
    where, X, y, seed = datasets(ctx)[0]
    read_settings(sub.kill_and_revive(X, y, seed=seed), f"kill_and_revive(X, y, seed={seed})")


@check(points=2, timeout=120)
def kill_setting_kills(sub: Submission, ctx: Context) -> None:
    """The "kill" setting leaves at least 40% of the ReLUs dead (trained with the reference loop)"""
    seen = []
    for where, X, y, seed in datasets(ctx):
        activation, lr = read_settings(sub.kill_and_revive(X, y, seed=seed),
                                       f"kill_and_revive(X, y, seed={seed})")["kill"]
        run = train_reference(X, y, activation, lr, seed)
        on = f"on {where} with seed={seed}"
        if not np.all(np.isfinite(run["losses"])):
            fail("divergence", f"With your kill setting {setting_text(activation, lr)}, the reference loop's loss "
                 f"became nan or inf {on}: the weights blew up instead of switching units off. Pick a large but "
                 "not absurd learning rate, 10 to 50 times exercise 6's default of 1.0.")
        dead = float(ctx.ref.dead_unit_fraction(run["params"], X)[0])
        if dead < KILL_MIN_DEAD:
            fail("dead-relu", f"With your kill setting {setting_text(activation, lr)}, the reference loop left "
                 f"{dead_count(dead)} hidden units dead ({pct(dead)}) {on}; at least {pct(KILL_MIN_DEAD)} must die. "
                 "A ReLU unit dies when one big step pushes its pre-activation below 0 for every example. "
                 + ("Such small steps keep units alive: " if lr <= 1 else "Your steps are not big enough: ")
                 + "try learning rates several times larger, on a few seeds of both data sets.")
        seen.append((short_name(where), dead, run["accuracy"]))
    ctx.note("dead-relu", f"With your kill setting {setting_text(activation, lr)}, "
             + " and ".join(f"{dead_count(d)} units ended dead on {name} (accuracy {pct(a)})" for name, d, a in seen)
             + ". Once a unit's pre-activation is <= 0 on every example, its gradient is exactly 0 and gradient "
             "descent can never bring it back.")


@check(points=2, timeout=120)
def revive_setting_trains(sub: Submission, ctx: Context) -> None:
    """The "revive" setting reaches 95% accuracy with at most 10% dead units (trained with the reference loop)"""
    seen = []
    for where, X, y, seed in datasets(ctx):
        activation, lr = read_settings(sub.kill_and_revive(X, y, seed=seed),
                                       f"kill_and_revive(X, y, seed={seed})")["revive"]
        run = train_reference(X, y, activation, lr, seed)
        losses, accuracy = run["losses"], run["accuracy"]
        on = f"on {where} with seed={seed}"
        mine = f"With your revive setting {setting_text(activation, lr)}"
        if not np.all(np.isfinite(losses)):
            fail("divergence", f"{mine}, the reference loop's loss became nan or inf {on}: the steps are far too "
                 "large. Use a sane learning rate, such as exercise 6's default of 1.0.")
        # A leaky ReLU unit is never dead: its slope is alpha, not 0, wherever z <= 0.
        dead = float(ctx.ref.dead_unit_fraction(run["params"], X)[0]) if activation == "relu" else 0.0
        if dead > REVIVE_MAX_DEAD:
            fail("dead-relu", f"{mine}, {dead_count(dead)} hidden units ended dead ({pct(dead)}) {on}, with "
                 f"{pct(accuracy)} accuracy; at most {pct(REVIVE_MAX_DEAD)} may die. Smaller steps keep units alive: "
                 "lower the learning rate (exercise 6's default 1.0 is a good start), and consider \"leaky_relu\", "
                 "whose units keep a small gradient even when they go negative.")
        if accuracy < REVIVE_MIN_ACCURACY:
            rises = float(np.mean(np.diff(losses) > 0))
            story = (f"the loss went from {losses[0]:.3g} at the start to {losses[-1]:.3g} after 500 epochs "
                     f"(highest {losses.max():.3g})")
            if losses[-1] > losses[0] or losses.max() > 1.2 * losses[0] or rises > 0.1:
                fail("divergence", f"{mine}, {story}, going up at {pct(rises)} of the steps, and the accuracy "
                     f"reached only {pct(accuracy)} {on}; at least {pct(REVIVE_MIN_ACCURACY)} is needed. The loss "
                     "jumps around because the steps are too large: lower the learning rate, for example to "
                     "exercise 6's default 1.0.")
            fail("no-learning", f"{mine}, {story} and the accuracy reached only {pct(accuracy)} {on}; at least "
                 f"{pct(REVIVE_MIN_ACCURACY)} is needed. The loss falls steadily but too slowly for 500 epochs: "
                 "the steps are too small. Raise the learning rate, for example to exercise 6's default 1.0.")
        seen.append((short_name(where), dead, accuracy))
    alive = ("no unit can die: a leaky ReLU unit keeps a small gradient wherever it is negative"
             if activation == "leaky_relu" else
             " and ".join(f"{dead_count(d)} units dead on {name}" for name, d, _ in seen))
    ctx.note("dead-relu", f"With your revive setting {setting_text(activation, lr)} the network reached "
             + " and ".join(f"{pct(a)} on {name}" for name, _, a in seen) + f", and {alive}. Sane steps never "
             "throw a unit off the data, which is why a moderate learning rate is the dependable fix.")
