"""Checks of kill_and_revive: each setting is trained with the reference loop on several fresh seeds
of two moons and XOR."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from actgrade import catalog
from actgrade.checks.core import Context, Submission, check, fail
from actgrade.checks.expect import (
    kind_text,
    real_number,
)
from actgrade.checks.memo import remembered
from actgrade.datasets import two_moons, xor
from actgrade.numbers import percent_text as pct

from .common import ACTIVATIONS, HIDDEN, KILL_MIN_DEAD, REVIVE_MAX_DEAD, REVIVE_MIN_ACCURACY, RUNS_PER_DATASET

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


@remembered
def train_reference(X: np.ndarray, y: np.ndarray, activation: str, lr: float, seed: int) -> dict:
    """Exercise 6's reference loop with exercise 6's defaults, except activation and lr."""
    ref6 = catalog.reference_module(catalog.find("6"))
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        history = ref6.train(X, y, hidden_sizes=(HIDDEN,), activation=activation, lr=lr, epochs=500, seed=seed)
        predicted = ref6.predict(history["params"], X, activation=activation)
    losses = np.asarray(history["losses"], dtype=float)
    return {"params": history["params"], "losses": losses, "accuracy": float(np.mean(predicted == y))}


def datasets(ctx: Context, runs: int = RUNS_PER_DATASET) -> list[tuple[str, np.ndarray, np.ndarray, int]]:
    """Two moons and XOR, 200 points each, `runs` fresh data and training seeds of each."""
    found = []
    for _ in range(runs):
        seed = int(ctx.rng.integers(1000))
        for name, make in (("two_moons", two_moons), ("xor", xor)):
            data_seed = int(ctx.rng.integers(2**31))
            X, y = make(n=200, seed=data_seed)
            found.append((f"{name}(n=200, seed={data_seed})", X, y, seed))
    return found


def summary_by_dataset(seen: list[tuple[str, float, float]], what: str) -> str:
    """`3-5 units dead on two moons (accuracy 97-100%) and ...` over the runs of each data set."""
    parts = []
    for name in ("two moons", "XOR"):
        dead = [d for n, d, _ in seen if n == name]
        accuracy = [a for n, _, a in seen if n == name]
        if dead:
            parts.append(f"{span(dead, dead_count)} {what} on {name} (accuracy {span(accuracy, pct)})")
    return " and ".join(parts)


def span(values: list[float], text: Callable[[float], str]) -> str:
    low, high = text(min(values)), text(max(values))
    return low if low == high else f"{low} to {high}"


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
    ctx.note("dead-relu", f"With your kill setting {setting_text(activation, lr)}, over {RUNS_PER_DATASET} runs of "
             f"each data set, " + summary_by_dataset(seen, "units ended dead") + ". Once a unit's "
             "pre-activation is <= 0 on every example, its gradient is exactly 0 and gradient descent can never "
             "bring it back.")


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
    alive = ("; no unit can die: a leaky ReLU unit keeps a small gradient wherever it is negative"
             if activation == "leaky_relu" else "")
    ctx.note("dead-relu", f"With your revive setting {setting_text(activation, lr)}, over {RUNS_PER_DATASET} runs of "
             f"each data set: " + summary_by_dataset(seen, "units dead") + f"{alive}. Sane steps never "
             "throw a unit off the data, which is why a moderate learning rate is the dependable fix.")
