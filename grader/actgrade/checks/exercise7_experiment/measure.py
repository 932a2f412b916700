"""Exercise 7's measurements: reading what compare_setups returned, and running the same experiment in
the grader from the learner's own random start (exercise 6's loop with the reference's code)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from actgrade import catalog
from actgrade.checks.core import CheckFailed, Context, NotStarted, Submission, fail
from actgrade.checks.expect import kind_text, real_number
from actgrade.datasets import xor

from .common import ENTRIES, HIDDEN, LR, POINTS, SATURATED_SLOPE, SETUPS, TRAINING
from .helpers import reference_training, seeded

SHAPE = ("{" + ", ".join(f'"{name}": {{...}}' for name in SETUPS) + "}, each {\"accuracy\": ..., \"final_loss\": ..., "
         "\"first_layer_grad_at_start\": ...}")


def read_setups(value: Any, call: str) -> dict[str, dict[str, float]]:
    """The learner's result as {setup: {entry: float}}, or a failure naming what is off."""
    if value is None:
        fail("value", f"`{call}` returned None. Did you forget the `return` line? It should return {SHAPE}.")
    if not isinstance(value, dict):
        fail("value", f"`{call}` returned {kind_text(value)}, not a dict. Return a dict of this form: {SHAPE}.")
    missing = [name for name in SETUPS if name not in value]
    if missing:
        have = ", ".join(repr(k) for k in value) or "no keys"
        fail("value", f"`{call}` returned a dict with {have}; it needs the four set-ups of the table, "
             f"{', '.join(repr(s) for s in SETUPS)} (missing: {', '.join(repr(m) for m in missing)}). Use exactly "
             "these names: they are the keys of SETUPS in your file.")
    return {name: read_entries(value[name], name, call) for name in SETUPS}


def read_entries(inner: Any, name: str, call: str) -> dict[str, float]:
    if not isinstance(inner, dict):
        fail("value", f"In the result of `{call}`, [\"{name}\"] is {kind_text(inner)}, not a dict. Each set-up "
             "needs a dict with \"accuracy\", \"final_loss\" and \"first_layer_grad_at_start\".")
    absent = [e for e in ENTRIES if e not in inner]
    if absent:
        have = ", ".join(repr(k) for k in inner) or "no keys"
        fail("value", f"In the result of `{call}`, [\"{name}\"] has {have}; it needs \"accuracy\", \"final_loss\" "
             f"and \"first_layer_grad_at_start\" (missing: {', '.join(repr(a) for a in absent)}).")
    numbers = {}
    for entry in ENTRIES:
        number = real_number(inner[entry])
        where = f"[\"{name}\"][\"{entry}\"]"
        if number is None:
            advice = (" A list of numbers? Take the one the docstring asks for: the first layer's norm at the "
                      "first epoch." if isinstance(inner[entry], (list, tuple, np.ndarray)) else "")
            fail("dtype", f"In the result of `{call}`, {where} is {kind_text(inner[entry])}; it should be one "
                 f"number (a float).{advice} `float(...)` turns a NumPy number into a Python float.")
        if not math.isfinite(number):
            fail("divergence", f"In the result of `{call}`, {where} is {number}: that training diverged (its steps "
                 "grew until the numbers overflowed). The grader's run of the same set-up from the same start does "
                 "not: check that this set-up trains with exactly the activation, output and loss of SETUPS, and "
                 "exercise 6's default learning rate 1.0.")
        if number < 0:
            fail("value", f"In the result of `{call}`, {where} is {number:.4g}, below 0. Accuracies, losses and "
                 "norms are never negative.")
        numbers[entry] = number
    if numbers["accuracy"] > 1:
        fail("value", f"In the result of `{call}`, [\"{name}\"][\"accuracy\"] is {numbers['accuracy']:.4g}. "
             "Report accuracy as a fraction between 0 and 1 (0.97 for 97%), the mean of an array of True/False, "
             "without multiplying by 100.")
    return numbers


def reference5():
    return catalog.reference_module(catalog.find("5"))


def own_start(sub: Submission, sizes: list[int], activation: str, seed: int) -> list | None:
    """The learner's own `init_params(sizes, activation=activation, seed=seed)`, the network their
    training starts from; None when it cannot be had."""
    source = sub if sub.has("init_params") else sub.sibling("exercise5_backprop", catalog.find("5").filename)
    if source is None or not source.has("init_params"):
        return None
    try:
        value = source.init_params(sizes, activation=activation, seed=seed)
    except (CheckFailed, NotStarted):
        return None
    return as_params(value, sizes)


def as_params(value: Any, sizes: list[int]) -> list | None:
    """`value` as a list of float (W, b) pairs of the shapes `sizes` asks for, or None."""
    if not isinstance(value, (list, tuple)) or len(value) != len(sizes) - 1:
        return None
    params = []
    for n_in, n_out, pair in zip(sizes[:-1], sizes[1:], value, strict=True):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            return None
        W, b = (np.asarray(part) if isinstance(part, np.ndarray) else np.asarray([]) for part in pair)
        if W.dtype.kind not in "iuf" or b.dtype.kind not in "iuf" or W.shape != (n_in, n_out) \
                or b.shape != (n_out,) or not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
            return None
        params.append((W.astype(np.float64), b.astype(np.float64)))
    return params


def start_for(sub: Submission, sizes: list[int], activation: str, seed: int) -> tuple[list, bool]:
    """The learner's start when their init_params gives one (True), else the reference's (False)."""
    start = own_start(sub, sizes, activation, seed)
    if start is None:
        return reference5().init_params(sizes, activation=activation, seed=seed), False
    return start, True


def train_from(start: list, X: np.ndarray, targets: np.ndarray, activation: str, output: str, loss: str,
               epochs: int, keep: tuple[int, ...] = ()) -> dict:
    """Exercise 6's training loop (learning rate 1.0), run by the grader from `start` with the reference's
    `loss_and_gradients`: what a correct `train` records from that start. `keep` lists epochs after which
    the params are kept too (for the accuracy on the way)."""
    ref5 = reference5()
    params = [(W.copy(), b.copy()) for W, b in start]
    losses, norms, kept = [], [], {}
    with np.errstate(all="ignore"):
        for epoch in range(1, epochs + 1):
            value, grads = ref5.loss_and_gradients(params, X, targets, activation, output, loss)
            losses.append(float(value))
            norms.append([float(np.linalg.norm(dW)) for dW, _ in grads])
            params = [(W - LR * dW, b - LR * db) for (W, b), (dW, db) in zip(params, grads, strict=True)]
            if epoch in keep:
                kept[epoch] = params
    return {"params": params, "losses": losses, "grad_norms": norms, "kept": kept}


def accuracy(params: list, X: np.ndarray, y: np.ndarray, activation: str, output: str) -> float:
    with np.errstate(all="ignore"):
        predicted = reference_training().predict(params, X, activation=activation, output=output)
    return float(np.mean(predicted == y))


def summarise(history: dict, X: np.ndarray, y: np.ndarray, activation: str, output: str) -> dict[str, float]:
    """compare_setups' three numbers for one training history."""
    return {"accuracy": accuracy(history["params"], X, y, activation, output), "final_loss": history["losses"][-1],
            "first_layer_grad_at_start": history["grad_norms"][0][0]}


def softmax_rows(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class Experiment:
    """The 2 x 2 experiment on one data set, as the learner ran it and as the grader ran it from the
    learner's start."""

    X: np.ndarray
    y: np.ndarray
    seed: int
    epochs: int
    where: str  # "on xor(n=200, seed=...) with seed=..."
    own_start: bool  # the starts are the learner's own init_params
    histories: dict[str, dict] = field(default_factory=dict)
    expected: dict[str, dict[str, float]] = field(default_factory=dict)
    starts: dict[str, list] = field(default_factory=dict)

    @property
    def start_text(self) -> str:
        return ("from your own `init_params(..., seed=seed)`" if self.own_start else
                "from the reference's `init_params` (yours gave no usable network)")

    def accuracy_after(self, name: str, epoch: int) -> float:
        activation, output, _ = TRAINING[name]
        return accuracy(self.histories[name]["kept"][epoch], self.X, self.y, activation, output)

    def softmax_at_start(self) -> np.ndarray:
        """The first layer's softmax outputs S at the start of training, one row per example."""
        W, b = self.starts["softmax_sigmoid"][0]
        return softmax_rows(self.X @ W + b)

    def jacobian_largest_at_start(self) -> float:
        """The largest |J_ij| of the softmax layer's Jacobians at the start, over every example: the
        diagonal S_i (1 - S_i) or, off it, S_i S_j (largest for the two largest S of a row)."""
        s = self.softmax_at_start()
        top = np.sort(s, axis=1)[:, -2:]
        return float(max((s * (1 - s)).max(), (top[:, 0] * top[:, 1]).max()))

    def saturated_at_start(self) -> float:
        s = self.softmax_at_start()
        return float(np.mean(s * (1 - s) < SATURATED_SLOPE))

    def saturated_at_end(self, name: str) -> float:
        """The share of (example, unit) pairs of the first layer whose slope S (1 - S) is below
        SATURATED_SLOPE after training."""
        W, b = self.histories[name]["params"][0]
        with np.errstate(all="ignore"):
            s = softmax_rows(self.X @ W + b)
        return float(np.mean(s * (1 - s) < SATURATED_SLOPE))


def replicate(sub: Submission, X: np.ndarray, y: np.ndarray, seed: int, epochs: int, where: str,
              keep: tuple[int, ...] = ()) -> Experiment:
    """The grader's run of the four set-ups from the learner's own start."""
    experiment = Experiment(X, y, seed, epochs, where, own_start=True)
    for name, (activation, output, loss) in TRAINING.items():
        targets = y if output == "sigmoid" else np.eye(2)[y]
        sizes = [X.shape[1], HIDDEN, 1 if output == "sigmoid" else 2]
        start, mine = start_for(sub, sizes, activation, seed)
        experiment.own_start = experiment.own_start and mine
        experiment.starts[name] = start
        experiment.histories[name] = train_from(start, X, targets, activation, output, loss, epochs, keep)
        experiment.expected[name] = summarise(experiment.histories[name], X, y, activation, output)
    return experiment


def fresh_xor(ctx: Context) -> tuple[np.ndarray, np.ndarray, int, str]:
    """New XOR data and a training seed for one check: (X, y, seed, where)."""
    data_seed, seed = seeded(ctx)
    X, y = xor(n=POINTS, seed=data_seed)
    return X, y, seed, f"on xor(n={POINTS}, seed={data_seed}) with seed={seed}"
