"""Checks of compare_setups, judged against the same experiment run by the grader from the learner's
own random start (exercise 6's loop with the reference's code)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from actgrade import catalog
from actgrade.checks.core import CheckFailed, Context, NotStarted, Submission, check, fail
from actgrade.checks.expect import kind_text, real_number
from actgrade.checks.memo import remembered
from actgrade.datasets import two_moons, xor
from actgrade.numbers import percent_text as pct

from .common import ACCURACY_SLACK_POINTS, ENTRIES, EPOCHS, HIDDEN, LABEL, LR, SAME_START_RTOL, SETUPS, TRAINING
from .helpers import num, reference_training, remember, seeded

# -- compare_setups ----------------------------------------------------------------------------

def read_setups(value: Any, call: str) -> dict[str, dict[str, float]]:
    """The learner's result as {setup: {entry: float}}, or a failure naming what is off."""
    shape = ('{"relu_sigmoid": {"accuracy": ..., "final_loss": ..., "first_layer_grad_norm": ...}, '
             '"softmax_linear": {...}}')
    if value is None:
        fail("value", f"`{call}` returned None. Did you forget the `return` line? It should return {shape}.")
    if not isinstance(value, dict):
        fail("value", f"`{call}` returned {kind_text(value)}, not a dict. Return a dict of this form: {shape}.")
    missing = [name for name in SETUPS if name not in value]
    if missing:
        have = ", ".join(repr(k) for k in value) or "no keys"
        fail("value", f"`{call}` returned a dict with {have}; it needs the keys \"relu_sigmoid\" and "
             f"\"softmax_linear\" (missing: {', '.join(repr(m) for m in missing)}). Use exactly these names.")
    result: dict[str, dict[str, float]] = {}
    for name in SETUPS:
        inner = value[name]
        if not isinstance(inner, dict):
            fail("value", f"In the result of `{call}`, [\"{name}\"] is {kind_text(inner)}, not a dict. "
                 "Each setup needs a dict with \"accuracy\", \"final_loss\" and \"first_layer_grad_norm\".")
        absent = [e for e in ENTRIES if e not in inner]
        if absent:
            have = ", ".join(repr(k) for k in inner) or "no keys"
            fail("value", f"In the result of `{call}`, [\"{name}\"] has {have}; it needs \"accuracy\", "
                 f"\"final_loss\" and \"first_layer_grad_norm\" (missing: {', '.join(repr(a) for a in absent)}).")
        numbers = {}
        for entry in ENTRIES:
            number = real_number(inner[entry])
            where = f"[\"{name}\"][\"{entry}\"]"
            if number is None:
                advice = (" A list of numbers? Take its mean with np.mean(...)."
                          if isinstance(inner[entry], (list, tuple, np.ndarray)) else "")
                fail("dtype", f"In the result of `{call}`, {where} is {kind_text(inner[entry])}; it should be one "
                     f"number (a float).{advice} `float(...)` turns a NumPy number into a Python float.")
            if not math.isfinite(number):
                fail("divergence", f"In the result of `{call}`, {where} is {number}: that training diverged (its "
                     "steps grew until the numbers overflowed). The reference's does not, on the same data and seed: "
                     "check that this setup trains with exactly the activation, output and loss its docstring "
                     "gives, and exercise 6's default learning rate 1.0.")
            if number < 0:
                fail("value", f"In the result of `{call}`, {where} is {number:.4g}, below 0. Accuracies, "
                     "losses and norms are never negative.")
            numbers[entry] = number
        if numbers["accuracy"] > 1:
            fail("value", f"In the result of `{call}`, [\"{name}\"][\"accuracy\"] is {numbers['accuracy']:.4g}. "
                 "Report accuracy as a fraction between 0 and 1 (0.97 for 97%), for example "
                 "`float(np.mean(predicted == y))`, without multiplying by 100.")
        result[name] = numbers
    return result


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


@remembered
def train_from(start: list, X: np.ndarray, targets: np.ndarray, activation: str, output: str, loss: str) -> dict:
    """Exercise 6's training loop with its defaults, run by the grader from `start` with the
    reference's `loss_and_gradients`: what a correct `train` records from that start."""
    ref5 = reference5()
    params = [(W.copy(), b.copy()) for W, b in start]
    losses, norms = [], []
    for _ in range(EPOCHS):
        value, grads = ref5.loss_and_gradients(params, X, targets, activation, output, loss)
        losses.append(float(value))
        norms.append([float(np.linalg.norm(dW)) for dW, _ in grads])
        params = [(W - LR * dW, b - LR * db) for (W, b), (dW, db) in zip(params, grads, strict=True)]
    return {"params": params, "losses": losses, "grad_norms": norms}


def summarise(history: dict, X: np.ndarray, y: np.ndarray, activation: str, output: str) -> dict[str, float]:
    """compare_setups' three numbers for one training history."""
    predicted = reference_training().predict(history["params"], X, activation=activation, output=output)
    return {"accuracy": float(np.mean(predicted == y)), "final_loss": history["losses"][-1],
            "first_layer_grad_norm": float(np.mean([g[0] for g in history["grad_norms"]]))}


def measure_setups(sub: Submission, ctx: Context, dataset: str) -> tuple[dict, dict, dict, tuple]:
    """The learner's compare_setups on fresh data of one kind, and the grader's run of the same
    experiment from the learner's own start: (got, expected, histories, info)."""
    data_seed, seed = seeded(ctx)
    make = xor if dataset == "xor" else two_moons
    X, y = make(n=200, seed=data_seed)
    call = f"compare_setups(X, y, seed={seed})"
    got = read_setups(sub.compare_setups(X, y, seed=seed), call)
    histories, expected, own = {}, {}, True
    for name, (activation, output, loss) in TRAINING.items():
        targets = y if name == "relu_sigmoid" else np.eye(2)[y]
        start, mine = start_for(sub, [X.shape[1], HIDDEN, 1 if name == "relu_sigmoid" else 2], activation, seed)
        own = own and mine
        histories[name] = train_from(start, X, targets, activation, output, loss)
        expected[name] = summarise(histories[name], X, y, activation, output)
    where = f"on {dataset}(n=200, seed={data_seed}) with seed={seed}"
    return got, expected, histories, (X, y, seed, call, where, own)


def loss_suspects(history: dict) -> list[tuple[float, str]]:
    losses = np.asarray(history["losses"], dtype=float)
    return [
        (losses[0], "the loss of the FIRST epoch: use the last one, `history[\"losses\"][-1]`"),
        (float(np.mean(losses)), "the mean of all the losses: use only the last one, `history[\"losses\"][-1]`"),
        (float(np.sum(losses)), "the sum of all the losses: use only the last one, `history[\"losses\"][-1]`"),
    ]


def grad_suspects(history: dict) -> list[tuple[float, str]]:
    norms = np.asarray(history["grad_norms"], dtype=float)  # (epochs, layers)
    return [
        (float(norms[:, 0].sum()), "a SUM over the epochs: take the mean, `np.mean(...)`, over the epochs"),
        (float(norms[-1, 0]), "the first layer's norm at the LAST epoch only: average it over all epochs"),
        (float(norms[0, 0]), "the first layer's norm at the FIRST epoch only: average it over all epochs"),
        (float(norms[:, -1].mean()), "the mean of the LAST (output) layer's norm: use the first entry of each "
         "row, `g[0] for g in history[\"grad_norms\"]`"),
        (float(norms.mean()), "the mean over all layers: use only the first layer, the first entry of each row"),
        (float(norms.sum(axis=1).mean()), "the sum over the layers: use only the first layer, the first entry of "
         "each row"),
    ]


def suspect_for(got: float, suspects: list[tuple[float, str]]) -> str | None:
    """The wrong variant the learner's number matches, if any."""
    for value, story in suspects:
        if math.isclose(got, value, rel_tol=SAME_START_RTOL, abs_tol=1e-12):
            return story
    return None


def agrees(mine: float, theirs: float, entry: str, n: int) -> bool:
    if entry == "accuracy":
        return abs(mine - theirs) <= ACCURACY_SLACK_POINTS / n + 1e-12
    return math.isclose(mine, theirs, rel_tol=SAME_START_RTOL, abs_tol=1e-12)


def judge_setups(got: dict, expected: dict, histories: dict, info: tuple) -> None:
    X, y, seed, call, where, own = info
    n = len(y)
    if all(agrees(got[name][e], expected[name][e], e, n) for name in SETUPS for e in ENTRIES):
        return
    start = ("from your own `init_params(..., seed=seed)`" if own else
             "from the reference's `init_params` (yours gave no usable network)")
    relu, soft = got["relu_sigmoid"]["accuracy"], got["softmax_linear"]["accuracy"]
    ref_relu, ref_soft = expected["relu_sigmoid"]["accuracy"], expected["softmax_linear"]["accuracy"]
    reference = (f"exercise 6's training loop, run by the grader {start} {where}, gets {pct(ref_relu)} and "
                 f"{pct(ref_soft)}")
    swapped = all(agrees(got[a][e], expected[b][e], e, n) for a, b in zip(SETUPS, SETUPS[::-1], strict=True)
                  for e in ENTRIES)
    if swapped:
        fail("value", f"Your ReLU + sigmoid network got {pct(relu)} of the points right and your softmax + linear "
             f"network {pct(soft)}; {reference}. The two results look swapped: put the ReLU + sigmoid numbers "
             "under \"relu_sigmoid\" and the softmax + linear numbers under \"softmax_linear\".")
    if not agrees(relu, ref_relu, "accuracy", n):
        fail("value", f"Your ReLU + sigmoid network got {pct(relu)} of the training points right; {reference}. "
             "Train it with `train(X, y, activation=\"relu\", output=\"sigmoid\", loss=\"bce\", seed=seed)` and "
             "exercise 6's defaults (lr 1.0, 500 epochs), and compare `predict(history[\"params\"], X)` (same "
             "activation and output) with y.")
    if not agrees(soft, ref_soft, "accuracy", n):
        if soft > ref_soft:
            advice = ("Check that setup (b) really trains a softmax hidden layer: `train(X, np.eye(2)[y], "
                      "activation=\"softmax\", output=\"linear\", loss=\"mse\", seed=seed)`, and that its accuracy "
                      "uses `predict` with the same activation and output.")
        else:
            advice = ("Train it on one-hot targets `np.eye(2)[y]` (class 0 is [1, 0]) and predict with "
                      "`predict(history[\"params\"], X, activation=\"softmax\", output=\"linear\")`, which takes "
                      "the larger of the two outputs.")
        fail("value", f"Your softmax + linear network got {pct(soft)} of the points right; {reference}. {advice}")
    for name in SETUPS:
        for entry, suspects in (("final_loss", loss_suspects), ("first_layer_grad_norm", grad_suspects)):
            mine, theirs = got[name][entry], expected[name][entry]
            if agrees(mine, theirs, entry, n):
                continue
            culprit = suspect_for(mine, suspects(histories[name]))
            text = (f"Your {LABEL[name]} network's \"{entry}\" is {num(mine)}; exercise 6's training loop, run by "
                    f"the grader {start} {where}, gives {num(theirs)}. ")
            if culprit:
                text += f"Your number is {culprit}."
            elif entry == "final_loss":
                text += "Report the last entry of the training history's \"losses\": `history[\"losses\"][-1]`."
            else:
                text += ("Report the mean over all epochs of the first layer's gradient norm: "
                         "`np.mean([g[0] for g in history[\"grad_norms\"]])`.")
            fail("value", text)


@check(points=1, timeout=120)
def compare_setups_returns_results(sub: Submission, ctx: Context) -> None:
    """compare_setups returns both setups' accuracy, final loss and gradient size, reproducibly"""
    data_seed, seed = seeded(ctx)
    X, y = two_moons(n=120, seed=data_seed)
    call = f"compare_setups(X, y, seed={seed})"
    first = read_setups(sub.compare_setups(X, y, seed=seed), call)
    again = read_setups(sub.compare_setups(X, y, seed=seed), call)
    where = f"on two_moons(n=120, seed={data_seed})"
    for name in SETUPS:
        for entry in ENTRIES:
            a, b = first[name][entry], again[name][entry]
            if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
                fail("nondeterministic", f"`{call}` {where} gave [\"{name}\"][\"{entry}\"] = {a!r} the first time "
                     f"and {b!r} the second time. The same data and seed must give the same numbers: all the "
                     "randomness belongs in `init_params(..., seed=seed)`; pass the seed on to `train`.")
    other_seed = seed + 1
    other = read_setups(sub.compare_setups(X, y, seed=other_seed), f"compare_setups(X, y, seed={other_seed})")
    if all(math.isclose(first[n][e], other[n][e], rel_tol=1e-12) for n in SETUPS for e in ENTRIES):
        fail("value", f"`compare_setups` {where} gave exactly the same numbers for seed={seed} and "
             f"seed={other_seed}: the seed is not used. Pass it on: `train(..., seed=seed)` for both setups.")


@check(points=3, timeout=120)
def compare_setups_on_xor(sub: Submission, ctx: Context) -> None:
    """On XOR, both setups' accuracy, final loss and gradient size are what your own start gives"""
    got, expected, histories, info = measure_setups(sub, ctx, "xor")
    judge_setups(got, expected, histories, info)
    relu, soft = got["relu_sigmoid"], got["softmax_linear"]
    remember(sub, "xor", (relu["accuracy"], soft["accuracy"]))
    ratio = relu["first_layer_grad_norm"] / max(soft["first_layer_grad_norm"], 1e-300)
    ctx.note("saturation", f"On XOR your ReLU + sigmoid network reached {pct(relu['accuracy'])} and your softmax + "
             f"linear network {pct(soft['accuracy'])}: not the same result. Averaged over training, the softmax "
             f"network's first layer got a gradient {ratio:.0f} times smaller than the ReLU network's "
             f"({num(soft['first_layer_grad_norm'])} against {num(relu['first_layer_grad_norm'])}): on its way "
             "back, the gradient is multiplied by the softmax's slopes, each about 1/32 in a 32-unit layer, so "
             "the first layer hardly moves.")


@check(points=1, timeout=120)
def compare_setups_on_two_moons(sub: Submission, ctx: Context) -> None:
    """On two moons, both setups' accuracy, final loss and gradient size are what your own start gives"""
    got, expected, histories, info = measure_setups(sub, ctx, "two_moons")
    judge_setups(got, expected, histories, info)
    relu, soft = got["relu_sigmoid"]["accuracy"], got["softmax_linear"]["accuracy"]
    ctx.note("saturation", f"On two moons your ReLU + sigmoid network reached {pct(relu)} and your softmax + "
             f"linear network {pct(soft)}. A network without any hidden layer, which can only draw a straight line, "
             "gets 85-90% of two moons right: your softmax network did about as well as a straight line, so its "
             "hidden layer added almost nothing.")
