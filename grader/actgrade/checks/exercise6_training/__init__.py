"""Hidden tests for exercise 6: the training loop (`train`) and `predict`.

The grader makes its own data with fresh seeds (two moons and XOR, 200
points), runs the learner's `train` with its defaults and measures the
training accuracy itself, with the reference `predict` on the parameters the
learner returned. Then it looks inside the trained network and its history
with `actgrade.diagnostics` (dead ReLUs, saturation, vanishing gradients,
divergence, identical units, a flat loss): a finding explains a failed check
with the most precise category, or rides along a passing one as a warning.
A last, diagnostic-only check runs the learner's own loop in two settings
chosen to go wrong (a deep sigmoid network, a far too large learning rate), so
that every learner sees vanishing gradients and saturation measured on their
own code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from actgrade import datasets, diagnostics
from actgrade.checks import findings
from actgrade.checks.core import CheckFailed, Context, Hint, Submission, check, fail
from actgrade.checks.earlier import earlier_mistake
from actgrade.numbers import number, percent_text, ratio_text
from actgrade.sandbox.protocol import Unsupported

POINTS = 200  # data points of the grader's datasets
MIN_ACCURACY = 0.95
DEFAULT_HIDDEN = (32,)
DEFAULT_EPOCHS = 500
TRAIN_TIMEOUT = 60.0
OUTPUT_LOSS_PAIRS = (("sigmoid", "bce"), ("softmax", "ce"), ("linear", "mse"))
KEYS = ("params", "losses", "grad_norms")


# -- reading what train returned ----------------------------------------------------------


@dataclass(frozen=True)
class History:
    """What `train` returned, checked and turned into plain float64 arrays."""

    params: list[tuple[np.ndarray, np.ndarray]]
    losses: np.ndarray  # (epochs,)
    grad_norms: np.ndarray  # (epochs, layers)


def output_width(y: np.ndarray, output: str, loss: str) -> int:
    """The width of the output layer the contract asks for."""
    if (output, loss) == ("sigmoid", "bce"):
        return 1
    if (output, loss) == ("softmax", "ce"):
        return int(np.max(y)) + 1
    return int(y.shape[1])


WIDTH_RULE = {
    ("sigmoid", "bce"): "1 for ('sigmoid', 'bce'): one logit per example",
    ("softmax", "ce"): "the number of classes, y.max() + 1, for ('softmax', 'ce')",
    ("linear", "mse"): "y.shape[1] for ('linear', 'mse'): one output per target column",
}


def call_text(name: str, **kwargs: Any) -> str:
    """`train(X, y, hidden_sizes=(7, 4), epochs=6)` for a hint."""
    shown = ", ".join(f"{key}={value!r}" for key, value in kwargs.items())
    return f"{name}(X, y{', ' + shown if shown else ''})"


def _is_float_array(value: Any) -> bool:
    return isinstance(value, np.ndarray) and value.dtype.kind == "f"


def _read_params(params: Any, call: str, sizes: Sequence[int], pair: tuple[str, str]) -> list:
    layers = len(sizes) - 1
    if isinstance(params, Unsupported) or not isinstance(params, (list, tuple)):
        kind = params.type_name if isinstance(params, Unsupported) else type(params).__name__
        fail("dtype", f"`{call}` returned \"params\" as a {kind}; it must be a list of (W, b) pairs, "
             "one per layer, like init_params returns.")
    if len(params) != layers:
        fail("shape", f"`{call}` returned {len(params)} layer(s) in \"params\", but layer sizes {list(sizes)} "
             f"make {layers} layers of weights. Build the sizes as [X.shape[1], *hidden_sizes, k] and pass "
             "them to init_params.")
    read = []
    for index, layer in enumerate(params):
        n_in, n_out = sizes[index], sizes[index + 1]
        name = f"layer {index + 1} of {layers}"
        if not isinstance(layer, (list, tuple)) or len(layer) != 2:
            fail("shape", f"`{call}`: {name} of \"params\" is not a (W, b) pair. Keep each layer as a tuple "
                 "(W, b), as init_params makes them.")
        W, b = layer
        for label, array in (("W", W), ("b", b)):
            if not _is_float_array(array):
                kind = (f"an array of dtype {array.dtype}" if isinstance(array, np.ndarray)
                        else getattr(array, "type_name", type(array).__name__))
                fail("dtype", f"`{call}`: {label} of {name} is {kind}; it must be a float NumPy array.")
        if W.shape != (n_in, n_out):
            text = (f"`{call}`: W of {name} has shape {W.shape}, but it should be ({n_in}, {n_out}) "
                    f"(layer sizes {list(sizes)}).")
            if W.shape == (n_out, n_in) and n_in != n_out:
                text += " It is transposed: W has shape (n_in, n_out)."
            elif index == layers - 1 and W.shape[:1] == (n_in,):
                text += f" The output layer's width is {WIDTH_RULE[pair]}."
            else:
                text += " Did train use the hidden_sizes it was given?"
            fail("shape", text)
        if b.shape != (n_out,):
            fail("shape", f"`{call}`: b of {name} has shape {b.shape}, but it should be ({n_out},), one bias "
                 "per unit, like init_params makes it.")
        read.append((np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)))
    return read


def _numbers(value: Any, call: str, key: str) -> np.ndarray:
    if isinstance(value, Unsupported):
        fail("dtype", f"`{call}` returned \"{key}\" as a {value.type_name}; use a list of Python floats.")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        rows = value if isinstance(value, (list, tuple)) else []
        lengths = {len(row) for row in rows if isinstance(row, (list, tuple, np.ndarray)) and np.ndim(row) == 1}
        if len(lengths) > 1:
            fail("shape", f"`{call}`: the entries of \"{key}\" have different lengths ({sorted(lengths)}). "
                 "Record the same thing at every epoch: one number per layer.")
        fail("dtype", f"`{call}`: \"{key}\" holds something that is not a number ({str(value)[:80]}). "
             "Record plain floats: " + ("float(loss_value)." if key == "losses" else "float(np.linalg.norm(dW))."))
    return array


def read_history(value: Any, call: str, sizes: Sequence[int], epochs: int,
                 pair: tuple[str, str] = ("sigmoid", "bce")) -> History:
    """Check the structure of what `train` returned; fail with `shape`/`dtype` hints."""
    if value is None:
        fail("value", f"`{call}` returned None. Did you forget the `return` line? train returns a dict "
             "with \"params\", \"losses\" and \"grad_norms\".")
    if not isinstance(value, dict):
        kind = value.type_name if isinstance(value, Unsupported) else type(value).__name__
        fail("dtype", f"`{call}` returned a {kind}, not a dict. Return "
             "{\"params\": params, \"losses\": losses, \"grad_norms\": grad_norms}.")
    missing = [key for key in KEYS if key not in value]
    if missing:
        fail("shape", f"`{call}` returned a dict without " + " and ".join(f'"{k}"' for k in missing)
             + f" (its keys: {sorted(map(str, value))}). The history needs all of "
             "\"params\", \"losses\" and \"grad_norms\".")
    params = _read_params(value["params"], call, sizes, pair)
    layers = len(sizes) - 1

    losses = _numbers(value["losses"], call, "losses")
    if losses.ndim == 0 or (losses.ndim == 1 and losses.shape[0] != epochs):
        count = 1 if losses.ndim == 0 else losses.shape[0]
        text = f"`{call}` recorded {count} loss(es) in \"losses\", but it ran {epochs} epochs: record one per epoch."
        if count == 0:
            text += " The list is empty: append float(loss_value) inside the loop, at every epoch."
        elif count == 1:
            text += " Only one was kept: append to the list inside the loop rather than after it."
        elif count == epochs + 1:
            text += " One too many: record the loss computed at each epoch, not an extra one after the loop."
        fail("shape", text)
    if losses.ndim != 1:
        fail("shape", f"`{call}`: \"losses\" has shape {losses.shape}; it should be a flat list of {epochs} "
             "numbers, one per epoch. Append float(loss_value), not an array.")

    norms = _numbers(value["grad_norms"], call, "grad_norms")
    if norms.shape != (epochs, layers):
        text = (f"`{call}`: \"grad_norms\" has shape {norms.shape} (as an array), but it should be "
                f"({epochs}, {layers}): one list per epoch, holding one number per layer, "
                "np.linalg.norm(dW) for each layer's dW.")
        if norms.ndim == 1 and norms.shape[0] == epochs:
            text += " You recorded one number per epoch: keep one per layer instead."
        elif norms.ndim == 2 and norms.shape == (epochs, 2 * layers):
            text += " You recorded two per layer: the grader wants the norm of dW only, not of db."
        elif norms.ndim == 2 and norms.shape[0] != epochs:
            text += f" It has {norms.shape[0]} entries for {epochs} epochs: append one list at every epoch."
        fail("shape", text)
    with np.errstate(invalid="ignore"):
        negative = np.nanmin(norms) < 0 if norms.size and not np.isnan(norms).all() else False
    if negative:
        fail("value", f"`{call}`: \"grad_norms\" holds a negative number ({number(float(np.nanmin(norms)))}). "
             "A norm is a size, never negative: use np.linalg.norm(dW).")
    return History(params, losses.astype(np.float64), norms.astype(np.float64))


def training_accuracy(ctx: Context, params: list, X: np.ndarray, y: np.ndarray,
                      activation: str = "relu", output: str = "sigmoid") -> float:
    """Accuracy measured by the grader: the reference predict on the learner's parameters."""
    with np.errstate(all="ignore"):
        labels = ctx.ref.predict(params, X, activation=activation, output=output)
    return float(np.mean(labels == y))


# -- reaching 95% with the defaults ---------------------------------------------------------


def _learns(sub: Submission, ctx: Context, name: str, make: Callable[..., tuple[np.ndarray, np.ndarray]]) -> None:
    data_seed = int(ctx.rng.integers(2**31))
    X, y = make(n=POINTS, seed=data_seed)
    where = f"the grader's {name} data ({POINTS} points, made with seed {data_seed})"
    call = "train(X, y)"
    history = read_history(sub.train(X, y), call, [X.shape[1], *DEFAULT_HIDDEN, 1], DEFAULT_EPOCHS)
    accuracy = training_accuracy(ctx, history.params, X, y)
    diagnosis = diagnostics.diagnose(history.params, X, history.losses, history.grad_norms, "relu")
    problems = diagnosis.problems()
    if diagnosis.divergence.nonfinite or accuracy < MIN_ACCURACY:
        culprit = earlier_mistake(sub, ["loss_and_gradients"], "train")
        if culprit:
            raise CheckFailed(Hint(culprit.category, f"`{call}` reached {percent_text(accuracy)} training accuracy "
                                   f"on {where}. {culprit.text}"))

    if diagnosis.divergence.nonfinite:
        params_finite = all(np.isfinite(W).all() and np.isfinite(b).all() for W, b in history.params)
        text = f"`{call}` on {where}: " + findings.explain(diagnosis.divergence)
        if params_finite and accuracy >= MIN_ACCURACY:
            text += (f" Your trained weights are finite and reach {percent_text(accuracy)} accuracy, so the nan "
                     "comes from how the loss is computed or recorded: record float(loss_value) from "
                     "loss_and_gradients, whose loss is stable.")
        fail("divergence", text)

    if accuracy < MIN_ACCURACY:
        opening = (f"`{call}` with its defaults reached {percent_text(accuracy)} training accuracy on {where}; "
                   f"at least {percent_text(MIN_ACCURACY)} is needed (the grader measured it with the reference "
                   "predict on the params you returned).")
        if problems:
            first, *rest = problems
            fail(first.category, f"{opening} {findings.explain(first)}",
                 *(Hint(category, text) for category, text in findings.hints(rest)))
        progress = diagnosis.progress
        fail("value", f"{opening} Your loss history looks healthy (it fell from {number(progress.initial)} to "
             f"{number(progress.final)}, no dead or identical units), so the network learned, but the params "
             "you returned do not predict well. Return the params of the last update (not the initial ones, "
             "nor a copy made before the loop), and check that each layer's W and b are updated with its "
             "own dW and db.")

    for category, text in findings.hints(problems):
        ctx.note(category, f"Your network passed ({percent_text(accuracy)} accuracy on {name}), but a warning: "
                 f"{text}")


@check(points=3, timeout=TRAIN_TIMEOUT)
def learns_two_moons(sub: Submission, ctx: Context) -> None:
    """train with its defaults reaches 95% training accuracy on two moons"""
    _learns(sub, ctx, "two-moons", datasets.two_moons)


@check(points=3, timeout=TRAIN_TIMEOUT)
def learns_xor(sub: Submission, ctx: Context) -> None:
    """train with its defaults reaches 95% training accuracy on XOR"""
    _learns(sub, ctx, "XOR", datasets.xor)


# -- the history ----------------------------------------------------------------------------


@check(points=2, timeout=TRAIN_TIMEOUT)
def history_format(sub: Submission, ctx: Context) -> None:
    """train returns the params, one loss per epoch and one gradient norm per layer, for every output/loss pair"""
    seed = int(ctx.rng.integers(2**31))
    X, labels = datasets.two_moons(n=60, seed=seed)
    X3, labels3 = datasets.spirals(n=60, classes=3, seed=seed)
    X4, labels4 = datasets.spirals(n=60, classes=4, seed=seed)
    cases = [
        (X, labels, {"hidden_sizes": (7, 4), "epochs": 6}, ("sigmoid", "bce")),
        (X3, labels3, {"hidden_sizes": (6,), "output": "softmax", "loss": "ce", "epochs": 5}, ("softmax", "ce")),
        (X4, np.eye(4)[labels4], {"hidden_sizes": (5,), "output": "linear", "loss": "mse", "epochs": 4},
         ("linear", "mse")),
    ]
    for X_case, y_case, kwargs, pair in cases:
        kwargs = dict(kwargs, seed=int(ctx.rng.integers(1000)))
        sizes = [X_case.shape[1], *kwargs["hidden_sizes"], output_width(y_case, *pair)]
        read_history(sub.train(X_case, y_case, **kwargs), call_text("train", **kwargs), sizes,
                     kwargs["epochs"], pair)


@check(points=1, timeout=TRAIN_TIMEOUT)
def deterministic(sub: Submission, ctx: Context) -> None:
    """The same data and seed give exactly the same training; another seed gives another one"""
    X, y = datasets.two_moons(n=100, seed=int(ctx.rng.integers(2**31)))
    seed = int(ctx.rng.integers(1000))
    kwargs = {"epochs": 100, "seed": seed}
    call = call_text("train", **kwargs)
    sizes = [X.shape[1], *DEFAULT_HIDDEN, 1]
    first = read_history(sub.train(X, y, **kwargs), call, sizes, 100)
    second = read_history(sub.train(X, y, **kwargs), call, sizes, 100)
    if not _same_run(first, second):
        differ = int(np.argmax(~np.isclose(first.losses, second.losses, rtol=0, atol=0, equal_nan=True)))
        if not np.array_equal(first.losses, second.losses, equal_nan=True) and differ == 0:
            why = ("They differ from the very first epoch, so the starting weights differ: the random numbers "
                   "do not come from the seed.")
        elif not np.array_equal(first.losses, second.losses, equal_nan=True):
            why = (f"They agree at first and part at epoch {differ + 1}: something random happens during "
                   "training, outside the seed.")
        else:
            why = "The losses agree but the returned params differ."
        fail("nondeterministic", (
            f"Two calls of `{call}` on the same data gave different results "
            f"(final loss {number(first.losses[-1])} and {number(second.losses[-1])}). {why} Every random "
            "number must come from the seed: start from init_params(sizes, activation, seed), which uses "
            "np.random.default_rng(seed). A generator made without the seed (np.random.default_rng()) or "
            "made once at the top of the file gives new numbers at every call."))
    other_kwargs = {"epochs": 100, "seed": seed + 1}
    other = read_history(sub.train(X, y, **other_kwargs), call_text("train", **other_kwargs), sizes, 100)
    if _same_run(first, other):
        fail("value", f"`{call}` and the same call with seed={seed + 1} gave exactly the same training: "
             "your train ignores its seed. Pass it on: init_params(sizes, activation, seed=seed).")


def _same_run(a: History, b: History) -> bool:
    if not np.array_equal(a.losses, b.losses, equal_nan=True):
        return False
    return all(np.array_equal(Wa, Wb, equal_nan=True) and np.array_equal(ba, bb, equal_nan=True)
               for (Wa, ba), (Wb, bb) in zip(a.params, b.params, strict=True))


# -- predict --------------------------------------------------------------------------------


def _labels(value: Any, call: str, n: int, output: str) -> np.ndarray:
    if value is None:
        fail("value", f"`{call}` returned None. Did you forget the `return` line?")
    if isinstance(value, Unsupported) or isinstance(value, (list, tuple)):
        kind = value.type_name if isinstance(value, Unsupported) else f"Python {type(value).__name__}"
        fail("dtype", f"`{call}` returned a {kind}, not a NumPy array of integer labels.")
    labels = np.asarray(value)
    if labels.dtype == np.bool_:
        fail("dtype", f"`{call}` returned True/False values. Return integer class labels: "
             "`(logits[:, 0] > 0).astype(int)`.")
    if labels.dtype.kind == "f":
        if labels.size and np.all((labels >= 0) & (labels <= 1)) and np.any((labels > 0) & (labels < 1)):
            fail("dtype", f"`{call}` returned floats between 0 and 1, such as {number(float(labels.flat[0]))}: "
                 "probabilities, not labels. Turn them into classes: for a sigmoid output, class 1 where the "
                 "logit is > 0, `(logits[:, 0] > 0).astype(int)`; otherwise `np.argmax(logits, axis=1)`.")
        fail("dtype", f"`{call}` returned floats (dtype {labels.dtype}). Class labels are integers: "
             "add `.astype(int)`.")
    if labels.dtype.kind not in "iu":
        fail("dtype", f"`{call}` returned an array of dtype {labels.dtype}; return integer labels.")
    if labels.shape != (n,):
        text = f"`{call}` returned shape {labels.shape}, but it should be ({n},): one label per row of X."
        if labels.shape == (n, 1):
            text += " You kept a column: take `logits[:, 0]` before comparing, so the result is flat."
        elif labels.ndim == 1:
            text += " Take the argmax of each row, `np.argmax(logits, axis=1)`, not of each column."
        fail("shape", text)
    return labels


@check(points=2, timeout=TRAIN_TIMEOUT)
def predict_labels(sub: Submission, ctx: Context) -> None:
    """predict returns the integer class of every row, as the reference does for the same network"""
    seed = int(ctx.rng.integers(2**31))
    moons = datasets.two_moons(n=80, noise=0.2, seed=seed)
    spiral = datasets.spirals(n=90, classes=3, seed=seed)
    square = datasets.xor(n=70, seed=seed)
    cases = [  # (X, targets, training settings)
        (*moons, {"activation": "relu", "output": "sigmoid", "loss": "bce", "hidden_sizes": (8,)}),
        (*spiral, {"activation": "sigmoid", "output": "softmax", "loss": "ce", "hidden_sizes": (9,)}),
        (square[0], np.eye(2)[square[1]], {"activation": "relu", "output": "linear", "loss": "mse",
                                           "hidden_sizes": (6, 5)}),
    ]
    for X, targets, settings in cases:
        # A network trained by the reference for a few epochs: predictions of both classes, not all right.
        with np.errstate(all="ignore"):
            params = ctx.ref.train(X, targets, epochs=30, seed=int(ctx.rng.integers(1000)), **settings)["params"]
        activation, output = settings["activation"], settings["output"]
        call = f"predict(params, X, activation={activation!r}, output={output!r})"
        labels = _labels(sub.predict(params, X, activation=activation, output=output), call, X.shape[0], output)
        with np.errstate(all="ignore"):
            expected = ctx.ref.predict(params, X, activation=activation, output=output)
            logits = ctx.ref.forward(params, X, activation=activation, output="linear")
        wrong = np.flatnonzero(labels != expected)
        if wrong.size == 0:
            continue
        row = int(wrong[0])
        text = (f"`{call}` gave label {labels[row]} for row {row} of X, but the network's logits there are "
                f"{np.round(logits[row], 4).tolist()}, so the label is {expected[row]} "
                f"({wrong.size} of {X.shape[0]} rows differ).")
        if output == "sigmoid" and np.all(labels == 1):
            text += (" Every label is 1: a probability sigmoid(z) is always > 0, so compare the logit with 0 "
                     "(or the probability with 0.5).")
        elif np.array_equal(labels, 1 - expected) and output == "sigmoid":
            text += " Every label is flipped: class 1 is where the logit is > 0."
        elif output == "sigmoid":
            text += " For a sigmoid output, the class is 1 where the logit is > 0, else 0."
        else:
            text += " For a softmax or linear output, the class is the index of the largest output in each row."
        fail("value", text)


# -- seeing saturation and vanishing gradients in your own loop -----------------------------

DEEP_HIDDEN = (32,) * 6
DEEP_EPOCHS = 20
HOT_LR = 30.0
HOT_EPOCHS = 200


@check(points=1, timeout=TRAIN_TIMEOUT)
def sigmoid_trouble_measured(sub: Submission, ctx: Context) -> None:
    """Measured on your train: the vanishing gradient of a deep sigmoid network, and saturation at lr=30"""
    X, y = datasets.xor(n=POINTS, seed=int(ctx.rng.integers(2**31)))
    kwargs = {"hidden_sizes": DEEP_HIDDEN, "activation": "sigmoid", "epochs": DEEP_EPOCHS}
    deep = read_history(sub.train(X, y, **kwargs), call_text("train", **kwargs),
                        [X.shape[1], *DEEP_HIDDEN, 1], DEEP_EPOCHS)
    climb = diagnostics.divergence(deep.losses)
    if climb.uphill:  # what this check measures means nothing while the steps climb
        fail("divergence", f"The grader ran your train with {len(DEEP_HIDDEN)} sigmoid hidden layers (XOR data, "
             f"{DEEP_EPOCHS} epochs, the default learning rate 1.0). {findings.explain(climb)}")
    flow = diagnostics.gradient_flow(deep.grad_norms)
    first_epoch = ", ".join(number(float(n)) for n in deep.grad_norms[0])
    verdict = ("Each sigmoid layer shrinks the gradient by a factor of 4 or more on its way back, so the first "
               "layers of a deep sigmoid network hardly learn: this is the vanishing gradient."
               if flow.flagged else
               "That is not tiny here, yet a sigmoid multiplies the gradient by at most 0.25 per layer; "
               "exercise 7 compares depths and activations.")
    ctx.note("vanishing-gradient", (
        f"The grader ran your train with {len(DEEP_HIDDEN)} sigmoid hidden layers of {DEEP_HIDDEN[0]} units "
        f"(XOR data, {DEEP_EPOCHS} epochs). At the first epoch your first layer's gradient was "
        f"{ratio_text(flow.initial_ratio)} times the last layer's (the norm of dW per layer, input side first: "
        f"{first_epoch}). {verdict} ReLU units with He initialisation keep the gradient's size from layer to "
        "layer; exercise 7 measures it."))

    X2, y2 = datasets.two_moons(n=POINTS, seed=int(ctx.rng.integers(2**31)))
    kwargs = {"activation": "sigmoid", "lr": HOT_LR, "epochs": HOT_EPOCHS}
    hot = read_history(sub.train(X2, y2, **kwargs), call_text("train", **kwargs),
                       [X2.shape[1], *DEFAULT_HIDDEN, 1], HOT_EPOCHS)
    found = diagnostics.saturation(hot.params, X2, "sigmoid")
    accuracy = training_accuracy(ctx, hot.params, X2, y2, activation="sigmoid")
    count, width = found.counts[0], found.widths[0]
    if found.flagged:
        verdict = ("Steps that big throw z far from 0, where the sigmoid is flat and passes almost no gradient "
                   "back: the network stalls.")
    else:
        verdict = "Your units survived this time; with larger steps they would not."
    ctx.note("saturation", (
        f"The grader ran your train with one sigmoid hidden layer of {width} units and a far too large learning "
        f"rate, lr={HOT_LR:g} (two-moons data, {HOT_EPOCHS} epochs). Afterwards {count} of the {width} units "
        f"({percent_text(found.fractions[0])}) were saturated: on most examples their derivative s (1 - s) was "
        f"below {number(found.threshold)} (it is 0.25 at z = 0; the layer's average was "
        f"{number(found.mean_derivatives[0])}), and the accuracy was {percent_text(accuracy)}. {verdict} Keep the "
        "learning rate moderate and the inputs scaled to about -1..1."))
